import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleFile } from '../../src/config/rule-files.js';
import { loadScanners } from '../../src/scanners/registry.js';
import { JsScanner } from '../../src/scanners/js/scanner.js';
import { compileRuleSet } from '../../src/scanners/taint/compile.js';
import { codePathOf, type TaintScanner } from '../../src/scanners/taint/scanner.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { CASES as JS_CASES } from '../js/rule-cases.js';
import { CASES as PY_CASES } from '../python/rule-cases.js';

/**
 * The code scanners' per-file gate (src/scanners/taint/gate.ts) is built from the rules: a file is
 * parsed only when it holds the words some rule needs. If a rule (or a new way analyze.ts makes data
 * untrusted) is not covered, one of its vulnerable examples stops opening the gate and fails here,
 * naming the rule; rules.test.ts then also loses the finding end to end.
 */
describe('code scanners: the file gate', () => {
  let js: TaintScanner;
  let py: TaintScanner;
  beforeAll(async () => {
    [js, py] = (await loadScanners({ scanners: ['js', 'python'], ruleDirs: [] })) as TaintScanner[];
  });

  test.each(JS_CASES.filter((c) => c.vulnerable).map((c) => [c.name, c] as const))('js: %s opens the gate', (_n, c) => {
    expect({ rule: c.rule, opens: js.gate.opens(c.code) }).toEqual({ rule: c.rule, opens: true });
  });

  test.each(PY_CASES.filter((c) => c.vulnerable).map((c) => [c.name, c] as const))('python: %s opens the gate', (_n, c) => {
    expect({ rule: c.rule, opens: py.gate.opens(c.code) }).toEqual({ rule: c.rule, opens: true });
  });

  // The code cache of a hook's bundle is rewritten when a run takes a part it was not written with
  // (cli/bundle-loader.ts): a small file's analysis compiles little, so it is its own part. (Named, not
  // parsed here: tree-sitter's native module cannot be shared by two test files' module registries.)
  test('a small file and a large one are different code paths for the code cache', () => {
    expect(codePathOf('js', 120)).toBe('js-small');
    expect(codePathOf('python', 7_999)).toBe('python-small');
    expect(codePathOf('js', 20_000)).toBe('js');
  });

  test('plain code that no rule could fire in does not open it', () => {
    expect(js.gate.why("export function add(a, b) {\n  return a + b;\n}\nexport const names = ['x', 'y'].map((s) => s.toUpperCase());\n")).toBeUndefined();
    expect(py.gate.why('def add(a, b):\n    return a + b\n\nNAMES = [s.upper() for s in ("x", "y")]\n')).toBeUndefined();
    // a sink name alone is not enough for a taint rule that needs untrusted data …
    expect(js.gate.why("const hosts = fs.readFileSync('/etc/hosts');\n")).toBeUndefined();
    // … but the same sink with a source opens it, or in a module that exports (its functions' parameters)
    expect(js.gate.opens("function h(req) {\n  return fs.readFileSync(req.query.f);\n}\n")).toBe(true);
    expect(js.gate.opens("export function h(url) {\n  return fetch(url);\n}\n")).toBe(true);
    // names are whole tokens, in their case
    expect(js.gate.why('export const total = (xs) => xs.reduce((a, b) => a + b, 0);\n')).toBeUndefined();
    // a `starts-with` condition needs its path's word, not the path: os.tmpdir() starts with /tmp/ unwritten
    expect(js.gate.why("fs.writeFileSync(path.join(__dirname, 'out.txt'), data);\n")).toBeUndefined();
    expect(js.gate.opens("fs.writeFileSync(path.join(os.tmpdir(), 'out.txt'), data);\n")).toBe(true);
    expect(py.gate.opens('with open(os.path.join(tempfile.gettempdir(), "out.txt"), "w") as fh:\n    fh.write(data)\n')).toBe(true);
  });

  test('on a large text, opens() decides piece by piece as why() does on the whole (words across piece boundaries included)', () => {
    // Text far larger than a piece (2K characters, then 16K each), with the words of one rule at
    // chosen offsets: a request source and a SQL sink, each placed across a boundary, at the end, or missing.
    const filler = (n: number) => 'let a1 = b2 + c3;\n'.repeat(Math.ceil(n / 18)).slice(0, n);
    const piece = 16 * 1024;
    const first = 2 * 1024;
    const words = ['req.query.id', 'db.query(`SELECT * FROM t WHERE id = ${x}`)'];
    const cases: Array<[string, number[]]> = [
      ['both early', [10, 40]],
      ['source across the first boundary', [first - 5, 3 * piece]],
      ['sink across the second boundary', [100, first + piece - 12]],
      ['source across the third boundary', [first + 2 * piece - 3, 10]],
      ['inside later pieces', [piece - 5, 2 * piece - 12]],
      ['both at the very end', [5 * piece - 200, 5 * piece - 100]],
      ['the sink only', [-1, 3 * piece + 7]],
    ];
    for (const [name, at] of cases) {
      let text = filler(5 * piece);
      at.forEach((offset, i) => {
        if (offset >= 0) text = text.slice(0, offset) + ' ' + words[i] + ' ' + text.slice(offset);
      });
      expect({ name, opens: js.gate.opens(text) }).toEqual({ name, opens: js.gate.why(text) !== undefined });
    }
    // and on every vulnerable rule case, padded far past a piece on both sides
    for (const c of JS_CASES.filter((x) => x.vulnerable)) {
      const text = `${filler(2 * piece + 3)}\n${c.code}\n${filler(piece)}`;
      expect({ rule: c.rule, opens: js.gate.opens(text) }).toEqual({ rule: c.rule, opens: js.gate.why(text) !== undefined });
    }
  });

  test('a new rule widens the gate by itself', () => {
    const rules: RuleFile = {
      path: 'extra.yaml',
      scanner: 'js',
      doc: {
        sources: [{ names: ['req.query'] }],
        rules: [
          { id: 'x-legacy-run', kind: 'taint', category: 'cmd', description: 'd', message: 'm', severity: 'high', cwe: ['CWE-78'], sinks: [{ call: ['legacyShell.runScript'], args: [0] }] },
          { id: 'x-flag', kind: 'pattern', description: 'd', message: 'm', severity: 'low', cwe: ['CWE-489'], patterns: [{ assign: ['*.enableDangerousMode'], value: true }] },
        ],
      },
    } as unknown as RuleFile;
    const s = new JsScanner(compileRuleSet([rules], 'js'));
    expect(s.gate.why("import legacyShell from 'legacy-shell';\nlegacyShell.runScript(req.query.s);\n")).toBe('x-legacy-run');
    expect(s.gate.why("legacyShell.runScript('ls');\n")).toBeUndefined(); // a taint sink without a source
    expect(s.gate.why('cfg.enableDangerousMode = true;\n')).toBe('x-flag');
    expect(s.gate.why('cfg.safeMode = true;\n')).toBeUndefined();
  });

  test('through the CLI: a file no rule could fire in is not parsed (so its syntax is not checked); one that could is', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'plain.js'), '}}}} const = ; {{{{\n');
    writeFileSync(join(dir, 'src', 'risky.js'), '}}}} eval(x) {{{{\n');
    writeFileSync(join(dir, 'src', 'plain.py'), 'def (:\n');
    writeFileSync(join(dir, 'src', 'risky.py'), 'def (:\n    eval(x)\n');
    const res = runCli(['scan', '--all', '.', '--scanner', 'js,python', '--format', 'json'], { cwd: dir });
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.skipped.map((s: { path: string; reason: string }) => `${s.path}:${s.reason}`).sort()).toEqual(['src/risky.js:parse-error', 'src/risky.py:parse-error']);
    expect(report.stats.files).toBe(4);
  });
});
