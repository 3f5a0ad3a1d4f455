import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { JS_PATHS } from '../helpers/helper-paths.js';
import { helperPathSuite } from '../helpers/helper-paths-suite.js';
import { posttool, postToolUse } from '../hooks/agent/payloads.js';

/** The js scanner everywhere the Python scanner runs: scan sources, hooks and report formats. */
const VULN = `import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();

app.get('/users', async (req: Request, res: Response) => {
  const name = req.query.name as string;
  const { rows } = await pool.query<{ id: number }>(\`SELECT id FROM users WHERE name = '\${name}'\`);
  res.json(rows);
});
`;

function scanJson(cwd: string, args: string[]) {
  const res = runCli(['scan', ...args, '--scanner', 'js', '--format', 'json'], { cwd });
  expect([0, 1]).toContain(res.code);
  return { code: res.code, report: JSON.parse(res.stdout) };
}

describe('js scanner through the CLI', () => {
  test('SARIF carries the CWE and security-severity; JSON and text name the rule', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'users.ts'), VULN);
    const { report } = scanJson(dir, ['--all', '.']);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'js-sql-injection', scanner: 'js', line: 9, cwe: ['CWE-89'], severity: 'high' });

    const sarif = JSON.parse(runCli(['scan', '--all', '.', '--scanner', 'js', '--format', 'sarif'], { cwd: dir }).stdout);
    const run = sarif.runs[0];
    const result = run.results[0];
    expect(result.ruleId).toBe('js-sql-injection');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(9);
    expect(result.properties.tags).toEqual(expect.arrayContaining(['CWE-89', 'external/cwe/cwe-89']));
    const rule = run.tool.driver.rules[result.ruleIndex];
    expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(7);
    expect(run.tool.driver.rules.filter((r: { id: string }) => r.id.startsWith('js-')).length).toBeGreaterThan(15);

    expect(runCli(['scan', '--all', '.', '--scanner', 'js'], { cwd: dir }).stdout).toMatch(/js-sql-injection CWE-89/);
  });

  test('every JS/TS extension is read; type declarations and other files are not', () => {
    const dir = tempDir();
    const line = "require('child_process').exec('ls ' + process.argv[2]);\n";
    for (const ext of ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx']) writeFileSync(join(dir, `f.${ext}`), line);
    writeFileSync(join(dir, 'types.d.ts'), 'declare function exec(cmd: string): void;\n');
    writeFileSync(join(dir, 'notes.txt'), line);
    const { report } = scanJson(dir, ['--all', '.']);
    expect(report.findings.map((f: { file: string }) => f.file).sort()).toEqual(['f.cjs', 'f.cts', 'f.js', 'f.jsx', 'f.mjs', 'f.mts', 'f.ts', 'f.tsx']);
  });

  test('mso:allow on the flagged line suppresses it; a file that is not code is skipped with the reason', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.js'), "function h(req) {\n  return eval(req.body.x); // mso:allow runs in a locked-down worker\n}\nfunction g(req) {\n  return eval(req.body.y);\n}\n");
    writeFileSync(join(dir, 'b.js'), '}}}} not javascript at all eval {{{{\n');
    const { report } = scanJson(dir, ['--all', '.']);
    expect(report.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['a.js:5']);
    expect(report.stats.suppressed).toBe(1);
    expect(report.skipped).toEqual([expect.objectContaining({ path: 'b.js', reason: 'parse-error' })]);
  });

  test('staged: the whole file is analysed, only added lines are reported, with real line numbers', () => {
    const repo = new TempRepo();
    try {
      const before = "import { exec } from 'child_process';\n\nexport function handler(req: any) {\n  const dir = req.query.dir;\n  return dir;\n}\n";
      repo.write('src/h.ts', before);
      repo.commitAll('init');
      // The source is on an old line; only the sink is new.
      repo.write('src/h.ts', before.replace('  return dir;\n', '  exec(`ls ${dir}`);\n  return dir;\n'));
      repo.git('add', 'src/h.ts');
      const { report } = scanJson(repo.dir, ['--staged']);
      expect(report.findings.map((f: { line: number; ruleId: string }) => `${f.line}:${f.ruleId}`)).toEqual(['5:js-command-injection']);
    } finally {
      repo.cleanup();
    }
  });

  test('staged and range: a new call handing request data to an old helper is reported at that call', () => {
    const repo = new TempRepo();
    try {
      const helpers = [
        "const { exec } = require('child_process');",
        'function deepMerge(target, source) {',
        '  for (const key of Object.keys(source)) {',
        "    if (source[key] && typeof source[key] === 'object') {",
        '      if (!target[key]) target[key] = {};',
        '      deepMerge(target[key], source[key]);',
        '    } else {',
        '      target[key] = source[key];',
        '    }',
        '  }',
        '  return target;',
        '}',
        "function run(c) { exec('ls ' + c); }",
        'function list(dir) { return run(dir); }',
        'module.exports = { deepMerge, run, list };',
        '',
      ].join('\n');
      repo.write('app.js', helpers);
      repo.commitAll('helpers');
      const base = repo.git('rev-parse', 'HEAD').trim();
      // Only calls are added: the sinks they reach sit on old lines (line 8, line 13 through list()).
      const added = 'function h(req) {\n  deepMerge({}, req.body);\n  list(req.query.dir);\n  deepMerge({}, { a: 1 });\n  run(\'/srv\');\n}\nmodule.exports.h = h;\n';
      repo.write('app.js', helpers + added);
      repo.git('add', 'app.js');
      const lines = (report: { findings: Array<{ line: number; ruleId: string; message: string }> }) => report.findings.map((f) => `${f.line}:${f.ruleId}`).sort();
      const staged = scanJson(repo.dir, ['--staged']).report;
      expect(lines(staged)).toEqual(['17:js-prototype-pollution', '18:js-command-injection']);
      expect(staged.findings.find((f: { ruleId: string }) => f.ruleId === 'js-prototype-pollution').message).toMatch(/lands on line 8\b/);
      expect(runCli(['hook', 'pre-commit'], { cwd: repo.dir }).code).toBe(1);
      repo.git('commit', '-q', '--no-verify', '-m', 'calls');
      expect(lines(scanJson(repo.dir, ['--range', `${base}..HEAD`]).report)).toEqual(['17:js-prototype-pollution', '18:js-command-injection']);
      // The whole file still reports each finding once, where the data lands.
      expect(lines(scanJson(repo.dir, ['--all', 'app.js']).report)).toEqual(['13:js-command-injection', '8:js-prototype-pollution']);
    } finally {
      repo.cleanup();
    }
  });

  test('--all: a recursive merge of another module is reported at its own write, not again at each call', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src', 'utils'), { recursive: true });
    const merge = (guard: string) =>
      [
        'type Plain = Record<string, any>;',
        'export function deepMerge(target: Plain, source: Plain): Plain {',
        '  for (const key of Object.keys(source)) {',
        guard,
        "    if (source[key] && typeof source[key] === 'object') {",
        '      if (!target[key]) target[key] = {};',
        '      deepMerge(target[key], source[key]);',
        '    } else {',
        '      target[key] = source[key];',
        '    }',
        '  }',
        '  return target;',
        '}',
        '',
      ].join('\n');
    writeFileSync(join(dir, 'src', 'utils', 'merge.ts'), merge('    // (no guard)'));
    writeFileSync(
      join(dir, 'src', 'app.ts'),
      "import express from 'express';\nimport { deepMerge } from './utils/merge';\nconst app = express();\nconst settings = {};\napp.patch('/settings', (req, res) => {\n  deepMerge(settings, req.body);\n  res.json(settings);\n});\n",
    );
    const at = (r: { findings: Array<{ file: string; line: number; ruleId: string }> }) => r.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();
    expect(at(scanJson(dir, ['--all', '.']).report)).toEqual(['src/utils/merge.ts:9:js-prototype-pollution']);
    // scanned alone, the route cannot see the body: the call is the finding, by the merge's name
    expect(at(scanJson(dir, ['src/app.ts']).report)).toEqual(['src/app.ts:6:js-prototype-pollution']);
    // a merge that skips __proto__ is no sink at all
    writeFileSync(join(dir, 'src', 'utils', 'merge.ts'), merge("    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;"));
    expect(at(scanJson(dir, ['--all', '.']).report)).toEqual([]);
  });

  test('range: findings carry the commit and real line numbers of the full file', () => {
    const repo = new TempRepo();
    try {
      repo.write('job.js', "const cp = require('child_process');\n\nfunction run(req) {\n  console.log(req.body.name);\n}\n");
      repo.commitAll('init');
      const base = repo.git('rev-parse', 'HEAD').trim();
      repo.write('job.js', "const cp = require('child_process');\n\nfunction run(req) {\n  console.log(req.body.name);\n  cp.execSync('convert ' + req.body.name);\n}\n");
      repo.commitAll('add exec');
      const { report } = scanJson(repo.dir, ['--range', `${base}..HEAD`]);
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]).toMatchObject({ ruleId: 'js-command-injection', line: 5, file: 'job.js' });
      expect(report.findings[0].commit).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      repo.cleanup();
    }
  });

  test('the pre-commit hook blocks a staged TypeScript injection and passes the fixed file', () => {
    const repo = new TempRepo();
    try {
      repo.write('src/users.ts', VULN);
      repo.git('add', 'src/users.ts');
      const blocked = runCli(['hook', 'pre-commit'], { cwd: repo.dir });
      expect(blocked.code).toBe(1);
      expect(blocked.stdout + blocked.stderr).toMatch(/src\/users\.ts\s+9\s+js-sql-injection\s+high\s+pool\.query\(…\)/);
      repo.write('src/users.ts', VULN.replace("`SELECT id FROM users WHERE name = '${name}'`", "'SELECT id FROM users WHERE name = $1', [name]"));
      repo.git('add', 'src/users.ts');
      expect(runCli(['hook', 'pre-commit'], { cwd: repo.dir }).code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  test('posttool hands the findings in a written .tsx file back to the agent (exit 2), clean code passes', () => {
    const repo = new TempRepo();
    try {
      const code = "export function Bio() {\n  const bio = new URLSearchParams(window.location.search).get('bio') ?? '';\n  return <div dangerouslySetInnerHTML={{ __html: bio }} />;\n}\n";
      const abs = repo.write('app/Bio.tsx', code);
      const res = posttool(postToolUse(repo.dir, 'Write', { file_path: abs, content: code }, { type: 'create', filePath: abs, content: code, structuredPatch: [] }), repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/app\/Bio\.tsx:3\b/);
      expect(res.stderr).toContain('CWE-79');
      const fixed = code.replace('dangerouslySetInnerHTML={{ __html: bio }} />', '>{bio}</div>');
      repo.write('app/Bio.tsx', fixed);
      const ok = posttool(postToolUse(repo.dir, 'Write', { file_path: abs, content: fixed }, { type: 'create', filePath: abs, content: fixed, structuredPatch: [] }), repo.dir);
      expect(ok).toEqual({ code: 0, stdout: '', stderr: '' });
    } finally {
      repo.cleanup();
    }
  });

  test('the JS grammars load only when a JS/TS file is scanned', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'p'));
    writeFileSync(join(dir, 'p', 'a.py'), 'import os\nos.system("ls")\n');
    const script = `
      const { createRequire } = await import('node:module');
      const require = createRequire(${JSON.stringify(join(REPO_ROOT, 'package.json'))});
      const { loadScanners } = await import(${JSON.stringify(join(REPO_ROOT, 'dist/scanners/registry.js'))});
      const scanners = await loadScanners({ scanners: ['python', 'js'], ruleDirs: [] });
      const loaded = () => Object.keys(require.cache).filter((k) => /tree-sitter-(typescript|javascript)/.test(k)).length > 0;
      for (const s of scanners) if (s.accepts('a.py')) await s.scan({ path: 'a.py', text: 'import os\\n' });
      const afterPython = loaded();
      const js = scanners.find((s) => s.name === 'js');
      await js.scan({ path: 'a.ts', text: "import { exec } from 'node:child_process';\\nexec('uptime');\\n" });
      console.log(JSON.stringify({ afterPython, afterTs: loaded() }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ afterPython: false, afterTs: true });
  });
});

// A new call reaching an old helper through an alias, a table, bind/call/apply, a wrapper, a callback,
// this['name'] or a method read off an instance (test/helpers/helper-paths.ts).
helperPathSuite(JS_PATHS);
