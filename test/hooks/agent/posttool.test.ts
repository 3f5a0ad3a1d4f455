import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from '../../helpers/git-repo.js';
import { alnum, tokens } from '../../helpers/tokens.js';
import { posttool, postToolUse, preToolUse } from './payloads.js';

/**
 * `mso hook posttool` as Claude Code runs it after a tool call: the files the
 * call wrote are scanned whole and findings go back to the model (exit 2).
 */


describe('mso hook posttool', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.cleanup());

  function written(path: string, content: string) {
    const abs = repo.write(path, content);
    return postToolUse(repo.dir, 'Write', { file_path: abs, content }, { type: 'create', filePath: abs, content, structuredPatch: [] });
  }

  test('a written file with a secret: exit 2 with file, line, CWE and a fix hint, never the secret', () => {
    const token = tokens.github();
    const res = posttool(written('src/settings.py', `import os\n\nDEBUG = False\nGITHUB_TOKEN = "${token}"\n`), repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('src/settings.py:4');
    expect(res.stderr).toContain('CWE-798');
    expect(res.stderr).toContain('github-token');
    expect(res.stderr).toMatch(/fix: \S+/);
    expect(res.stderr + res.stdout).not.toContain(token);
  });

  test('a clean written file: exit 0, silent', () => {
    const res = posttool(written('src/util.py', 'def add(a, b):\n    return a + b\n'), repo.dir);
    expect(res).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('a written Python file with SQL injection: CWE-89 reported back to the agent', () => {
    const code = [
      'import sqlite3',
      '',
      'def find_user(conn: sqlite3.Connection, name: str):',
      '    cur = conn.cursor()',
      '    cur.execute("SELECT * FROM users WHERE name = \'" + name + "\'")',
      '    return cur.fetchall()',
      '',
    ].join('\n');
    const res = posttool(written('app/users.py', code), repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('CWE-89');
    expect(res.stderr).toMatch(/app\/users\.py:5\b/);
    expect(res.stderr).toMatch(/fix: \S+/);
  });

  test('a clean Python file passes every scanner', () => {
    const code = 'def find_user(conn, name):\n    cur = conn.cursor()\n    cur.execute("SELECT * FROM users WHERE name = ?", (name,))\n    return cur.fetchall()\n';
    expect(posttool(written('app/users.py', code), repo.dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('Edit and MultiEdit: the whole file is scanned after the edit', () => {
    const key = tokens.awsKeyId();
    const abs = repo.write('deploy/config.py', `REGION = "eu-west-1"\nAWS_ACCESS_KEY_ID = "${key}"\n`);
    const edit = postToolUse(repo.dir, 'Edit', { file_path: abs, old_string: 'eu-west-2', new_string: 'eu-west-1' }, { filePath: abs });
    const res = posttool(edit, repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('deploy/config.py:2');
    const multi = postToolUse(repo.dir, 'MultiEdit', { file_path: abs, edits: [{ old_string: 'a', new_string: 'b' }] }, { filePath: abs });
    expect(posttool(multi, repo.dir).code).toBe(2);
  });

  test('Bash: a file the command visibly wrote is scanned; an old file named in the command is not', () => {
    const value = alnum(28);
    repo.write('.env', `API_TOKEN=${value}\n`);
    const payload = postToolUse(repo.dir, 'Bash', { command: `echo "API_TOKEN=${value}" > .env` }, { stdout: '', stderr: '', interrupted: false, isImage: false });
    const res = posttool(payload, repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('.env:1');
    expect(res.stderr).not.toContain(value);
    // Not modified recently: the command cannot have written it, so it is not scanned.
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(join(repo.dir, '.env'), hourAgo, hourAgo);
    expect(posttool(payload, repo.dir).code).toBe(0);
  });

  test('Bash with no visible file writes: nothing to scan, exit 0', () => {
    expect(posttool(postToolUse(repo.dir, 'Bash', { command: 'npm test' }, { stdout: 'ok', stderr: '' }), repo.dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('a Python edit loads only the scanners it needs, yet a broken rule file of the workspace still blocks it', () => {
    const clean = written('app/ok.py', 'def add(a, b):\n    return a + b\n');
    expect(posttool(clean, repo.dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    // A JavaScript rule file that does not validate: every scanner loads when the workspace adds rules.
    mkdirSync(join(repo.dir, 'my-rules', 'js'), { recursive: true });
    writeFileSync(join(repo.dir, 'my-rules', 'js', 'bad.yaml'), 'rules:\n  - id: broken\n    kind: pattern\n');
    repo.write('.mso/workspace.json', JSON.stringify({ scan: { rules: ['my-rules'] } }));
    const res = posttool(clean, repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('bad.yaml');
  });

  test('a file outside the workspace is skipped with a note, not a crash', () => {
    const outside = new TempRepo();
    try {
      const abs = outside.write('x.py', `TOKEN = "${tokens.github()}"\n`);
      const res = posttool(postToolUse(repo.dir, 'Write', { file_path: abs, content: '' }, { filePath: abs }), repo.dir);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('outside the workspace');
    } finally {
      outside.cleanup();
    }
  });

  test('a file that no longer exists is skipped with a note', () => {
    const abs = join(repo.dir, 'gone.py');
    const res = posttool(postToolUse(repo.dir, 'Write', { file_path: abs, content: 'x = 1\n' }, { filePath: abs }), repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('gone.py: does not exist');
  });

  test.each([
    ['malformed JSON', '{"hook_event_name":', /not valid JSON/],
    ['empty stdin', '', /empty stdin/],
    ['a PreToolUse payload', 'PRE', /unexpected hook event 'PreToolUse'/],
    ['a Write without file_path', 'NOPATH', /unknown Write tool_input shape.*file_path/],
  ])('%s: exit 2 with the reason', (_name, input, reason) => {
    let stdin = input;
    if (input === 'PRE') stdin = JSON.stringify(preToolUse(repo.dir, 'Write', { file_path: join(repo.dir, 'a.py'), content: '' }));
    if (input === 'NOPATH') stdin = JSON.stringify(postToolUse(repo.dir, 'Write', { content: 'x' }, {}));
    const res = posttool(stdin, repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^mso: posttool: /);
    expect(res.stderr).toMatch(reason);
  });
});
