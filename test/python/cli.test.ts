import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { posttool, postToolUse } from '../hooks/agent/payloads.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { PY_PATHS } from '../helpers/helper-paths.js';
import { helperPathSuite } from '../helpers/helper-paths-suite.js';

const VULN = `import sqlite3
from flask import Flask, request
app = Flask(__name__)

@app.route("/s")
def s():
    q = request.args["q"]
    cur = sqlite3.connect("x.db").cursor()
    cur.execute("SELECT * FROM t WHERE a = '" + q + "'")
`;

function scanJson(cwd: string, args: string[]) {
  const res = runCli(['scan', ...args, '--scanner', 'python', '--format', 'json'], { cwd });
  expect([0, 1]).toContain(res.code);
  return { code: res.code, report: JSON.parse(res.stdout) };
}

describe('python scanner through the CLI', () => {
  test('a file that does not parse is skipped with the reason; other files are still scanned', () => {
    const dir = tempDir();
    // Each names a call a rule looks for (the file gate parses only such files).
    writeFileSync(join(dir, 'broken.py'), 'def f(:\n    return eval(x)\n');
    writeFileSync(join(dir, 'py2.py'), 'if x = 1:\n    eval(x)\n');
    writeFileSync(join(dir, 'app.py'), VULN);
    const { code, report } = scanJson(dir, ['--all', '.']);
    expect(code).toBe(1);
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['app.py']);
    const skipped = report.skipped.filter((s: { reason: string }) => s.reason === 'parse-error');
    expect(skipped.map((s: { path: string }) => s.path).sort()).toEqual(['broken.py', 'py2.py']);
    expect(skipped[0].detail).toMatch(/syntax error near line \d+/);
    const text = runCli(['scan', '--all', '.', '--scanner', 'python'], { cwd: dir });
    expect(text.stdout).toMatch(/skipped: 2 parse-error/);
  });

  test('code nested too deeply to walk is a documented skip, not a crash', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'generated.py'), `x = eval(${Array.from({ length: 30000 }, (_, i) => `a${i % 10}`).join(' + ')})\n`);
    const { code, report } = scanJson(dir, ['--all', '.']);
    expect(code).toBe(0);
    expect(report.skipped).toEqual([{ path: 'generated.py', reason: 'parse-error', detail: 'nested too deeply to analyse' }]);
  });

  test('every output format carries the CWE tags', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.py'), VULN);
    const { report } = scanJson(dir, ['--all', '.']);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: 'python-sql-injection', line: 9, cwe: ['CWE-89'] });
    expect(report.findings[0].tags).toEqual(expect.arrayContaining(['CWE-89', 'owasp-a03', 'python']));

    const sarif = JSON.parse(runCli(['scan', '--all', '.', '--scanner', 'python', '--format', 'sarif'], { cwd: dir }).stdout);
    const run = sarif.runs[0];
    const result = run.results[0];
    expect(result.ruleId).toBe('python-sql-injection');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(9);
    expect(result.properties.tags).toEqual(expect.arrayContaining(['CWE-89', 'external/cwe/cwe-89', 'owasp-a03']));
    const rule = run.tool.driver.rules[result.ruleIndex];
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['external/cwe/cwe-89']));
    expect(run.tool.driver.rules.length).toBeGreaterThan(10);

    const text = runCli(['scan', '--all', '.', '--scanner', 'python'], { cwd: dir }).stdout;
    expect(text).toMatch(/python-sql-injection CWE-89/);
  });

  test('# nosec and mso:allow silence a finding on its line (first line of a multi-line call)', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'app.py'),
      `import os, subprocess, hashlib
def a(cmd):
    os.system(cmd)  # nosec
    os.system(cmd)  # mso:allow reviewed, cmd is fixed by the caller
    subprocess.run(  # nosec B602
        cmd, shell=True)
    return hashlib.md5(cmd.encode()).hexdigest()
`,
    );
    const { report } = scanJson(dir, ['--all', '.']);
    expect(report.findings.map((f: { line: number; ruleId: string }) => `${f.line}:${f.ruleId}`)).toEqual(['7:python-weak-hash']);
    expect(report.stats.suppressed).toBe(3);
  });

  test('a hard-coded credential is reported without its value', () => {
    const dir = tempDir();
    const value = ['Xq7', 'vT9', 'pLm2', 'Zr8w'].join('');
    writeFileSync(join(dir, 'config.py'), `SECRET_KEY = "${value}"\nDB_PASSWORD = "${value}!"\n`);
    const out = runCli(['scan', '--all', '.', '--scanner', 'python', '--format', 'sarif'], { cwd: dir }).stdout;
    expect(out).toContain('python-hardcoded-credential');
    expect(out).not.toContain(value);
    expect(out).toContain('CWE-798');
  });

  test('staged: the whole file is analysed, only added lines are reported, with real line numbers', () => {
    const repo = new TempRepo();
    try {
      const before = `import sqlite3
from flask import Flask, request
app = Flask(__name__)

@app.route("/s")
def s():
    q = request.args["q"]
    cur = sqlite3.connect("x.db").cursor()
    old = eval(q)
    return "ok"
`;
      repo.write('app.py', before);
      repo.commitAll('init');
      // The source is on an old line; only the sink is new.
      repo.write('app.py', before.replace('    return "ok"\n', '    cur.execute("SELECT " + q)\n    return "ok"\n'));
      repo.git('add', 'app.py');
      const { report } = scanJson(repo.dir, ['--staged']);
      expect(report.findings.map((f: { line: number; ruleId: string }) => `${f.line}:${f.ruleId}`)).toEqual(['10:python-sql-injection']);
    } finally {
      repo.cleanup();
    }
  });

  describe('a new call handing request data to an old helper', () => {
    // Old helpers whose sinks sit on unchanged lines: reached through another helper (listing -> run), a
    // query built in one helper and run in another (find -> q), a method, and a constructor whose
    // attribute a later method runs.
    const HELPERS = `import os
import sqlite3
import subprocess
from flask import Flask, request
app = Flask(__name__)


def run(cmd):
    os.system("ls " + cmd)


def listing(d):
    return run(d)


def q(sql):
    return sqlite3.connect("x.db").execute(sql)


def find(name):
    return q("SELECT * FROM t WHERE n = '" + name + "'")


class Shell:
    def enter(self, d):
        subprocess.call("cd " + d, shell=True)


class Fetch:
    def __init__(self, target):
        self.target = target

    def go(self):
        os.system("curl " + self.target)
`;
    // Lines 39-44: only calls are added; the sinks they reach are on lines 9, 21, 26 and 34.
    const CALLS = `

@app.route("/x")
def x():
    listing(request.args["d"])
    find(request.args["n"])
    Shell().enter(request.args["e"])
    Fetch(request.args["u"])
    return "ok"
`;
    const AT_CALLS = ['39:python-command-injection', '40:python-sql-injection', '41:python-command-injection', '42:python-command-injection'];
    // (17 is q()'s own execute, which find()'s text reaches: reported beside 21, where the text is built.)
    const AT_SINKS = ['17:python-sql-injection', '21:python-sql-injection', '26:python-command-injection', '34:python-command-injection', '9:python-command-injection'];
    const lines = (report: { findings: Array<{ line: number; ruleId: string }> }) => report.findings.map((f) => `${f.line}:${f.ruleId}`).sort();

    test('staged, range and pre-commit report it at the call, naming where the data lands; --all once at the sink', () => {
      const repo = new TempRepo();
      try {
        repo.write('app.py', HELPERS);
        repo.commitAll('helpers');
        const base = repo.git('rev-parse', 'HEAD').trim();
        repo.write('app.py', HELPERS + CALLS);
        repo.git('add', 'app.py');
        const staged = scanJson(repo.dir, ['--staged']).report;
        expect(lines(staged)).toEqual(AT_CALLS);
        const byLine = (l: number) => staged.findings.find((f: { line: number }) => f.line === l).message;
        expect(byLine(39)).toMatch(/lands on line 9\b/);
        expect(byLine(40)).toMatch(/lands on line 21\b/);
        expect(byLine(41)).toMatch(/lands on line 26\b/);
        expect(byLine(42)).toMatch(/lands on line 34\b/);
        const hook = runCli(['hook', 'pre-commit'], { cwd: repo.dir });
        expect(hook.code).toBe(1);
        expect(hook.stdout + hook.stderr).toMatch(/app\.py +39 +python-command-injection/);
        repo.git('commit', '-q', '--no-verify', '-m', 'calls');
        expect(lines(scanJson(repo.dir, ['--range', `${base}..HEAD`]).report)).toEqual(AT_CALLS);
        // The whole file reports each finding once, where the data lands (and a wrapper's sink beside the text built for it).
        expect(lines(scanJson(repo.dir, ['--all', 'app.py']).report)).toEqual(AT_SINKS);
      } finally {
        repo.cleanup();
      }
    });

    test('several calls up: a new route hands request data to an old helper that reaches the sink two helpers down', () => {
      const repo = new TempRepo();
      try {
        // route -> page -> listing -> run: page, listing and run are old; only the route is new.
        const old = HELPERS + '\n\ndef page(p):\n    return listing(p)\n';
        repo.write('app.py', old);
        repo.commitAll('helpers');
        repo.write('app.py', old + '\n\n@app.route("/y")\ndef y():\n    return page(request.args["p"])\n');
        repo.git('add', 'app.py');
        const staged = scanJson(repo.dir, ['--staged']).report;
        expect(lines(staged)).toEqual(['43:python-command-injection']);
        expect(staged.findings[0].message).toMatch(/lands on line 9\b/);
      } finally {
        repo.cleanup();
      }
    });

    test('range: an added line naming no rule word, only a helper of the file, still wakes the analysis', () => {
      const repo = new TempRepo();
      try {
        // The request data is read on an old line; the added line is `listing(d)` alone.
        const old = HELPERS + '\n\n@app.route("/x")\ndef x():\n    d = request.args["d"]\n    return "ok"\n';
        repo.write('app.py', old);
        repo.commitAll('helpers');
        const base = repo.git('rev-parse', 'HEAD').trim();
        repo.write('app.py', old.replace('    return "ok"\n', '    listing(d)\n    return "ok"\n'));
        repo.git('add', 'app.py');
        expect(lines(scanJson(repo.dir, ['--staged']).report)).toEqual(['40:python-command-injection']);
        repo.git('commit', '-q', '--no-verify', '-m', 'call');
        const range = scanJson(repo.dir, ['--range', `${base}..HEAD`]).report;
        expect(lines(range)).toEqual(['40:python-command-injection']);
        expect(range.findings[0].message).toMatch(/lands on line 9\b/);
      } finally {
        repo.cleanup();
      }
    });

    test('posttool after an Edit that adds only the call blocks with the finding', () => {
      const repo = new TempRepo();
      try {
        repo.write('app.py', HELPERS);
        repo.commitAll('helpers');
        const added = '\n\n@app.route("/x")\ndef x():\n    listing(request.args["d"])\n    return "ok"\n';
        const abs = repo.write('app.py', HELPERS + added);
        const res = posttool(postToolUse(repo.dir, 'Edit', { file_path: abs, old_string: HELPERS.slice(-40), new_string: HELPERS.slice(-40) + added }, { filePath: abs }), repo.dir);
        expect(res.code).toBe(2);
        expect(res.stderr).toMatch(/python-command-injection/);
        expect(res.stderr).toMatch(/app\.py:(9|39)\b/);
      } finally {
        repo.cleanup();
      }
    });

    test('added calls with constant data stay clean', () => {
      const repo = new TempRepo();
      try {
        repo.write('app.py', HELPERS);
        repo.commitAll('helpers');
        repo.write('app.py', HELPERS + '\n\n@app.route("/x")\ndef x():\n    listing("/srv")\n    find("bob")\n    Shell().enter("/tmp")\n    Fetch("https://example.org").go()\n    return "ok"\n');
        repo.git('add', 'app.py');
        const staged = scanJson(repo.dir, ['--staged']);
        expect(staged.report.findings).toEqual([]);
        expect(staged.code).toBe(0);
        expect(runCli(['hook', 'pre-commit'], { cwd: repo.dir }).code).toBe(0);
      } finally {
        repo.cleanup();
      }
    });
  });

  test('--all: a handler of another module run through a wrapper of run_in_executor gets the request\'s data', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'hooks'), { recursive: true });
    writeFileSync(join(dir, 'hooks', '__init__.py'), '');
    writeFileSync(
      join(dir, 'hooks', 'handlers.py'),
      'import requests\n\n\ndef handle_purge(event):\n    callback = event.get("callback_url")\n    if callback:\n        requests.post(callback, json={"status": "done"}, timeout=5)\n',
    );
    const app = (wrapper: string) =>
      `import asyncio\nimport json\nfrom aiohttp import web\nfrom hooks import handlers\n\nroutes = web.RouteTableDef()\n\n${wrapper}\n\n\n@routes.post("/webhooks/cdn")\nasync def cdn_events(request):\n    event = json.loads(await request.read())\n    await _offload(handlers.handle_purge, event)\n    return web.json_response({"ok": True})\n`;
    writeFileSync(join(dir, 'hooks', 'app.py'), app('async def _offload(func, *args):\n    loop = asyncio.get_running_loop()\n    return await loop.run_in_executor(None, func, *args)'));
    const at = (r: { findings: Array<{ file: string; line: number; ruleId: string }> }) => r.findings.map((f) => `${f.file}:${f.line}:${f.ruleId}`).sort();
    expect(at(scanJson(dir, ['--all', '.']).report)).toEqual(['hooks/handlers.py:7:python-ssrf']);
    // a function of that name that hands nothing to a dispatcher passes nothing on
    writeFileSync(join(dir, 'hooks', 'app.py'), app('async def _offload(func, *args):\n    return None'));
    expect(at(scanJson(dir, ['--all', '.']).report)).toEqual([]);
  });

  test('range: findings carry the commit and real line numbers of the full file', () => {
    const repo = new TempRepo();
    try {
      repo.write('job.py', 'import os\n\n\ndef run(name):\n    print(name)\n');
      repo.commitAll('init');
      const base = repo.git('rev-parse', 'HEAD').trim();
      repo.write('job.py', 'import os\n\n\ndef run(name):\n    print(name)\n    os.system("convert " + name)\n');
      repo.commitAll('add system call');
      const { report } = scanJson(repo.dir, ['--range', `${base}..HEAD`]);
      expect(report.findings).toHaveLength(1);
      expect(report.findings[0]).toMatchObject({ ruleId: 'python-command-injection', line: 6, file: 'job.py' });
      expect(report.findings[0].commit).toMatch(/^[0-9a-f]{40}$/);
    } finally {
      repo.cleanup();
    }
  });

  test('--all with worker threads: files past the in-thread batch are scanned by workers with the native parser', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'pkg'));
    for (let i = 0; i < 260; i++) {
      writeFileSync(join(dir, 'pkg', `m${String(i).padStart(3, '0')}.py`), i % 20 === 0 ? `import pickle\ndef f(b):\n    return pickle.loads(b)\n` : `def f${i}(x):\n    return x + ${i}\n`);
    }
    writeFileSync(join(dir, 'pkg', 'zz_broken.py'), 'def (\n    eval(x)\n');
    const { report } = scanJson(dir, ['--all', '.', '--jobs', '2']);
    expect(report.findings).toHaveLength(13);
    expect(new Set(report.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set(['python-unsafe-deserialization']));
    expect(report.skipped).toEqual([expect.objectContaining({ path: 'pkg/zz_broken.py', reason: 'parse-error' })]);
    expect(report.stats.files).toBe(261);
  });

  test('a Python rule file with an unknown field is exit 2 naming the file and the rule', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rules', 'python'), { recursive: true });
    writeFileSync(
      join(dir, 'rules', 'python', 'mine.yaml'),
      `rules:
  - id: my-python-rule
    kind: pattern
    description: mine
    message: mine
    severity: low
    cwe: [CWE-1]
    patterns:
      - call: [os.getcwd]
        argz: []
`,
    );
    writeFileSync(join(dir, 'x.py'), 'import os\nos.getcwd()\n');
    const res = runCli(['scan', '--all', 'x.py', '--rules', 'rules'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('mine.yaml');
    expect(res.stderr).toMatch(/my-python-rule.*argz/s);
  });

  test('a user rule adds a pattern and a sink', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rules', 'python'), { recursive: true });
    writeFileSync(
      join(dir, 'rules', 'python', 'mine.yaml'),
      `rules:
  - id: my-render
    kind: taint
    category: xss
    description: our own HTML helper
    message: untrusted data into our HTML helper
    severity: high
    cwe: [CWE-79]
    sinks:
      - call: [webkit.html.raw_html]
        args: [0]
  - id: no-getcwd
    kind: pattern
    description: no getcwd
    message: getcwd is banned here
    severity: low
    cwe: [CWE-1]
    patterns:
      - call: [os.getcwd]
`,
    );
    writeFileSync(join(dir, 'x.py'), 'import os\nfrom webkit.html import raw_html as R\nname = input()\nR("<b>" + name)\nR("<b>static</b>")\nos.getcwd()\n');
    const { report } = scanJson(dir, ['--all', 'x.py', '--rules', 'rules']);
    expect(report.findings.map((f: { line: number; ruleId: string }) => `${f.line}:${f.ruleId}`)).toEqual(['4:my-render', '6:no-getcwd']);
  });
});

// A new call reaching an old helper through an alias, a table, partial, a lambda, a callback, getattr or a
// bound method (test/helpers/helper-paths.ts).
helperPathSuite(PY_PATHS);
