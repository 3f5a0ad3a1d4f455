import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';
import { decodeText, sniffBom } from '../../src/sources/content.js';
import { postToolUse, posttool, preToolUse, pretool } from '../hooks/agent/payloads.js';
import { endTurn, toolUse } from '../dispatch/fake-messages-api.js';
import { harness, type Harness } from '../dispatch/setup.js';

/**
 * One text decoder for every source: UTF-8, UTF-16 LE/BE and UTF-32 LE/BE with
 * a byte-order mark are decoded the same way in --staged, --range, pre-push,
 * --all, --stdin, the agent hooks and the voyage review.
 */
type Enc = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
const ENCODINGS: Enc[] = ['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'];

export function encode(text: string, enc: Enc): Buffer {
  if (enc === 'utf-8') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (enc === 'utf-16le' || enc === 'utf-16be') {
    const body = Buffer.from(text, 'utf16le');
    if (enc === 'utf-16be') body.swap16();
    return Buffer.concat([Buffer.from(enc === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
  }
  const cps = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
  const out = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (enc === 'utf-32le' ? out.writeUInt32LE(cp, i * 4) : out.writeUInt32BE(cp, i * 4)));
  return out;
}

/** A Windows-style file: CRLF line ends, the token on line 3, a non-ASCII character on line 1. */
const content = (token: string) => `# café réglages\r\nname = demo\r\nGITHUB_TOKEN = "${token}"\r\nend\r\n`;

interface Reported {
  file: string;
  line: number;
  ruleId: string;
}
const found = (stdout: string) => (JSON.parse(stdout) as { findings: Reported[] }).findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();
const expected = ENCODINGS.map((e) => `${e}.txt:3:github-token`).sort();

describe('the text decoder', () => {
  test('byte-order marks: UTF-32 LE is not read as UTF-16 LE; text decodes the same in every encoding', () => {
    const text = content(tokens.github()) + 'emoji 😀\n';
    expect(sniffBom(encode(text, 'utf-32le'))?.encoding).toBe('utf-32le');
    expect(sniffBom(encode(text, 'utf-16le'))?.encoding).toBe('utf-16le');
    for (const e of ENCODINGS) expect(decodeText(encode(text, e))).toBe(text);
    // a NUL character inside wide text is still binary; invalid UTF-8 without a mark is text as before
    expect(decodeText(encode('a\0b', 'utf-16le'))).toBeUndefined();
    expect(decodeText(Buffer.from([0x61, 0xff, 0x62]))).toBe('a\ufffdb');
  });
});

describe('UTF-16/32 files in every scan mode', () => {
  const write = (repo: TempRepo, token: () => string) => {
    for (const e of ENCODINGS) repo.write(`${e}.txt`, encode(content(token()), e));
  };

  test('--stdin', () => {
    const dir = tempDir();
    for (const e of ENCODINGS) {
      const res = runCli(['scan', '--stdin', '--stdin-name', `${e}.txt`, '--format', 'json'], { cwd: dir, input: encode(content(tokens.github()), e) });
      expect(res.code).toBe(1);
      expect(found(res.stdout)).toEqual([`${e}.txt:3:github-token`]);
    }
  });

  test('--all and --staged', () => {
    const repo = new TempRepo();
    write(repo, () => tokens.github());
    const all = runCli(['scan', '--all', '.', '--format', 'json'], { cwd: repo.dir });
    expect(all.code).toBe(1);
    expect(found(all.stdout)).toEqual(expected);
    repo.git('add', '-A');
    const staged = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo.dir });
    expect(staged.code).toBe(1);
    expect(found(staged.stdout)).toEqual(expected);
    expect(JSON.parse(staged.stdout).skipped).toEqual([]);
    repo.cleanup();
  });

  test('--range and pre-push: new files, and a token added to an existing UTF-16/32 file (only added lines count)', () => {
    const remote = new TempRepo({ init: false });
    execFileSync('git', ['init', '-q', '--bare', remote.dir]);
    const repo = new TempRepo();
    repo.write('README.md', 'hello\n');
    for (const e of ENCODINGS) repo.write(`${e}.txt`, encode('# notes\r\nname = demo\r\n', e));
    repo.commitAll('base');
    repo.git('remote', 'add', 'origin', remote.dir);
    repo.git('push', '-q', 'origin', 'main');
    const base = repo.git('rev-parse', 'HEAD').trim();
    write(repo, () => tokens.github());
    repo.commitAll('add tokens');
    const range = runCli(['scan', '--range', `${base}..HEAD`, '--format', 'json'], { cwd: repo.dir });
    expect(range.code).toBe(1);
    expect(found(range.stdout)).toEqual(expected);
    expect(JSON.parse(range.stdout).skipped).toEqual([]);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const push = runCli(['hook', 'pre-push', 'origin', remote.dir], { cwd: repo.dir, input: `refs/heads/main ${head} refs/heads/main ${base}\n` });
    expect(push.code).not.toBe(0);
    for (const e of ENCODINGS) expect(push.stdout + push.stderr).toContain(`${e}.txt`);
    repo.cleanup();
    remote.cleanup();
  });

  test('posttool: a file the agent wrote in UTF-16/32 is scanned', () => {
    const repo = new TempRepo();
    for (const e of ENCODINGS) {
      const abs = repo.write(`${e}.txt`, encode(content(tokens.github()), e));
      const res = posttool(postToolUse(repo.dir, 'Write', { file_path: abs, content: 'x' }, { filePath: abs, success: true }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('github-token');
    }
    repo.cleanup();
  });

  test('pretool: an Edit of a UTF-16/32 file is scanned with the context of the decoded file', () => {
    const repo = new TempRepo();
    for (const e of ENCODINGS) {
      const abs = repo.write(`config/${e}.env`, encode('A=1\r\nDB_PASSWORD=REPLACE\r\n', e));
      const res = pretool(preToolUse(repo.dir, 'Edit', { file_path: abs, old_string: 'REPLACE', new_string: 'q7Vz2Lm9Xk4Rw8Tp' }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/generic-env-assignment|password/i);
    }
    repo.cleanup();
  });
});

describe('UTF-16/32 in the voyage review', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('a UTF-16 file with a token committed on the voyage fails the review', async () => {
    h = await harness([toolUse(['write_file', { path: 'lib/util.py', content: 'def add(a, b):\n    return a + b\n' }]), endTurn('done')]);
    expect((await h.mso('dispatch', 'add util')).code).toBe(0);
    const wt = join(h.repo.dir, h.voyage().worktree);
    writeFileSync(join(wt, 'notes.txt'), encode(content(tokens.github()), 'utf-16le'));
    writeFileSync(join(wt, 'notes32.txt'), encode(content(tokens.github()), 'utf-32be'));
    h.repo.git('-C', wt, 'add', '-A');
    h.repo.git('-C', wt, 'commit', '-qm', 'notes');
    const res = await h.mso('voyage', 'review', 'VOY-0001');
    expect(res.code).toBe(1);
    const report = JSON.parse(readFileSync(join(h.repo.dir, h.voyage().review.report), 'utf8'));
    expect(report.findings.map((f: Reported) => `${f.file}:${f.line}:${f.ruleId}`).sort()).toEqual(['notes.txt:3:github-token', 'notes32.txt:3:github-token']);
    expect(report.unreviewable).toEqual([]);
  }, 150_000);
});
