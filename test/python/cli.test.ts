import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';

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
