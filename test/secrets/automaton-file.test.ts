import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledBuild, compiledBuiltinRules } from '../../src/config/builtin-rules.js';
import { readRuleFiles } from '../../src/config/rule-files.js';
import { AUTOMATA_DIR, automatonFile, automatonKey, automatonList, builtinAutomaton, decodeAutomaton, encodeAutomaton } from '../../src/scanners/secrets/automaton-file.js';
import { KeywordMatcher, type AutomatonTables } from '../../src/scanners/secrets/keyword-matcher.js';
import { createSecretScanner } from '../../src/scanners/secrets/index.js';
import { createJsScanner } from '../../src/scanners/js/index.js';
import { createPythonScanner } from '../../src/scanners/python/index.js';
import type { TaintScanner } from '../../src/scanners/taint/scanner.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { copyPackage } from '../helpers/package-copy.js';
import { tokens } from '../helpers/tokens.js';
import { rng } from './helpers.js';

/**
 * The keyword automata the build computes for the built-in keyword lists
 * (dist/keyword-automata/, src/scanners/secrets/automaton-file.ts) are only ever a speed-up: a
 * file that is missing, cut short, damaged, of another build or of another list is refused, and
 * the matcher computes its automaton as it would without them.
 */
const rulesDir = join(REPO_ROOT, 'rules');
const build = compiledBuild()!;

async function builtinLists(): Promise<Array<{ name: string; keywords: readonly string[] }>> {
  const files = (s: string[]) => readRuleFiles(rulesDir, s, ['secrets', 'python', 'js'], false);
  const secrets = (await createSecretScanner(files(['secrets']))) as unknown as { keywordLists(): string[][] };
  const gate = async (s: Promise<unknown>) => (((await s) as TaintScanner).gate as unknown as { matcherKeywords(): string[] }).matcherKeywords();
  const [declared, window] = secrets.keywordLists();
  return [
    { name: 'secret keywords', keywords: declared! },
    { name: 'secret window literals', keywords: window! },
    { name: 'python gate', keywords: await gate(createPythonScanner(files(['python']))) },
    { name: 'js gate', keywords: await gate(createJsScanner(files(['js']))) },
  ];
}

const arrays = (t: AutomatonTables) => ({
  codes: Array.from(t.codes),
  delta: Buffer.from(t.delta.buffer, t.delta.byteOffset, t.delta.byteLength).toString('base64'),
  deltaBytes: t.delta.BYTES_PER_ELEMENT,
  firstEmitting: t.firstEmitting,
  outStart: Array.from(t.outStart),
  outIds: Array.from(t.outIds),
});

describe('keyword automata computed by the build', () => {
  test('one file per built-in keyword list, each equal to the automaton computed now', async () => {
    expect(build).toMatch(/\S/);
    const lists = await builtinLists();
    const names = readdirSync(join(REPO_ROOT, AUTOMATA_DIR)).sort();
    expect(names).toEqual(lists.map((l) => `${automatonKey(l.keywords)}.bin`).sort());
    for (const { name, keywords } of lists) {
      const loaded = builtinAutomaton(keywords);
      expect({ name, loaded: loaded !== undefined }).toEqual({ name, loaded: true });
      expect({ name, ...arrays(loaded!) }).toEqual({ name, ...arrays(new KeywordMatcher(keywords, 'automaton').tables()) });
    }
  });

  test('a missing, cut, damaged, lengthened, foreign or other-build file is refused', async () => {
    const lists = await builtinLists();
    const { keywords } = lists.find((l) => l.name === 'js gate')!;
    const key = automatonKey(keywords);
    const root = tempDir();
    mkdirSync(join(root, AUTOMATA_DIR), { recursive: true });
    const file = automatonFile(root, key);
    const good = readFileSync(automatonFile(REPO_ROOT, key));
    const load = (bytes?: Uint8Array) => {
      rmSync(file, { force: true });
      if (bytes) writeFileSync(file, bytes);
      return builtinAutomaton(keywords, root, build);
    };
    expect(load(good)).toBeDefined();
    expect(load()).toBeUndefined();
    expect(builtinAutomaton(keywords, join(root, 'nowhere'), build)).toBeUndefined();

    // Cut anywhere (in the header, the metadata, the tables, the digest), or lengthened.
    for (const n of [0, 1, 4, 11, 12, 40, 200, good.length >> 2, good.length >> 1, good.length - 33, good.length - 32, good.length - 4, good.length - 1]) {
      expect({ n, loaded: load(good.subarray(0, n)) !== undefined }).toEqual({ n, loaded: false });
    }
    expect(load(Buffer.concat([good, Buffer.alloc(4)]))).toBeUndefined();
    expect(load(Buffer.concat([good, good]))).toBeUndefined();

    // One byte changed, at positions all over the file (the first 64 bytes: magic, version, metadata).
    const r = rng(11);
    const positions = [...Array.from({ length: 64 }, (_, i) => i), ...Array.from({ length: 100 }, () => r.int(good.length))];
    for (const at of positions) {
      const bad = Buffer.from(good);
      bad[at] ^= 1 << r.int(8);
      expect({ at, loaded: load(bad) !== undefined }).toEqual({ at, loaded: false });
    }

    // Another build's file (whole, with its own digest), another list's file under this name.
    const tables = decodeAutomaton(good, key, build)!;
    expect(load(encodeAutomaton(tables, key, `${build}x`))).toBeUndefined();
    expect(builtinAutomaton(keywords, root, 'another-build')).toBeUndefined();
    const other = lists.find((l) => l.name === 'python gate')!.keywords;
    expect(load(readFileSync(automatonFile(REPO_ROOT, automatonKey(other))))).toBeUndefined();
    expect(load(encodeAutomaton(new KeywordMatcher(other, 'automaton').tables(), automatonKey(other), build))).toBeUndefined();
    // And the original again.
    expect(arrays(load(good)!)).toEqual(arrays(tables));
  });

  test('metadata that disagrees with the tables is refused, even under a valid digest', () => {
    const keywords = ['alpha', 'beta', 'gamma', 'alphabet'];
    const key = automatonKey(keywords);
    const good = encodeAutomaton(new KeywordMatcher(keywords, 'automaton').tables(), key, 'b');
    expect(decodeAutomaton(good, key, 'b')).toBeDefined();
    const n = good.readUInt32LE(8);
    const meta = JSON.parse(good.subarray(12, 12 + n).toString('utf8')) as Record<string, unknown>;
    const reseal = (m: Record<string, unknown>, version = 2) => {
      const json = Buffer.from(JSON.stringify(m));
      const head = Buffer.alloc(12);
      head.writeUInt32LE(good.readUInt32LE(0), 0);
      head.writeUInt32LE(version, 4);
      head.writeUInt32LE(json.length, 8);
      const rest = good.subarray(12 + ((n + 3) & ~3), good.length - 32);
      const body = Buffer.concat([head, json, Buffer.alloc(((json.length + 3) & ~3) - json.length), rest]);
      return Buffer.concat([body, createHash('sha256').update(body).digest()]);
    };
    expect(decodeAutomaton(reseal(meta), key, 'b')).toBeDefined(); // the resealing itself is sound
    expect(decodeAutomaton(reseal(meta, 1), key, 'b')).toBeUndefined(); // the format before the list was in the file
    for (const [field, value] of [['states', (meta.states as number) + 1], ['width', (meta.width as number) - 1], ['outputs', 0], ['emitting', 1e9], ['deltaBytes', 8], ['key', 'x'], ['width', 'a']] as const) {
      expect({ field, loaded: decodeAutomaton(reseal({ ...meta, [field]: value }), key, 'b') !== undefined }).toEqual({ field, loaded: false });
    }
    // The file names its list: a matcher with another list under the same key (a hash collision) never takes it.
    const listed = encodeAutomaton(new KeywordMatcher(keywords, 'automaton').tables(), key, 'b', automatonList(keywords));
    expect(decodeAutomaton(listed, key, 'b', automatonList(keywords))).toBeDefined();
    expect(decodeAutomaton(listed, key, 'b', automatonList(['alpha', 'beta', 'gamma', 'alphabets']))).toBeUndefined();
    expect(decodeAutomaton(good, key, 'b', automatonList(keywords))).toBeUndefined(); // a file without its list
  });

  test('bytes that do not start on a 4-byte boundary are read as well', () => {
    const keywords = ['token', 'key', 'pass'];
    const key = automatonKey(keywords);
    const bytes = encodeAutomaton(new KeywordMatcher(keywords, 'automaton').tables(), key, 'b');
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const t = decodeAutomaton(shifted.subarray(1), key, 'b')!;
    expect(arrays(t)).toEqual(arrays(decodeAutomaton(bytes, key, 'b')!));
  });

  test("scanners of the compiled built-in rules load them for a long text; a user's rule changes the list, which is computed", async () => {
    const compiled = compiledBuiltinRules(rulesDir, ['js'])!;
    const js = (await createJsScanner(compiled)) as TaintScanner;
    const text = 'const a = 1;\n'.repeat(2000);
    js.gate.opens(text);
    const source = (g: unknown) => ((g as { matcher: { source?: string } }).matcher.source);
    expect(source(js.gate)).toBe('prebuilt');

    const dir = tempDir();
    mkdirSync(join(dir, 'js'));
    writeFileSync(
      join(dir, 'js', 'mine.yaml'),
      'rules:\n  - id: mine-weak-hash\n    kind: pattern\n    description: d\n    message: m\n    severity: low\n    cwe: [CWE-328]\n    patterns:\n      - call: [zzzHasher.digestNow]\n',
    );
    const mine = (await createJsScanner([...compiled, ...readRuleFiles(dir, ['js'], ['js'], false)])) as TaintScanner;
    const words = (mine.gate as unknown as { matcherKeywords(): string[] }).matcherKeywords();
    expect(builtinAutomaton(words)).toBeUndefined();
    mine.gate.opens(text + 'x'.repeat(400_000)); // past the indexOf budget
    expect(source(mine.gate)).toBe('built');
  });
});

describe('the CLI with damaged automata gives the same answer', () => {
  // A copy of the built package (node_modules linked), whose automata are then damaged in turn.
  let pkg: string;
  let work: string;
  beforeAll(() => {
    pkg = copyPackage();
    work = tempDir();
    // Long enough for both matchers to load theirs (the gate's from ~4 K characters, the secret keywords' from ~24 K).
    const filler = Array.from({ length: 900 }, (_, i) => `export const value${i} = compute(${i}, "label ${i}");`).join('\n');
    writeFileSync(
      join(work, 'routes.ts'),
      `import express from 'express';\nimport { exec } from 'node:child_process';\nconst app = express();\n${filler}\n` +
        `app.get('/run', (req, res) => { exec(req.query.cmd as string); res.send('ok'); });\nconst token = "${tokens.github()}";\n`,
    );
  });
  afterAll(() => rmSync(pkg, { recursive: true, force: true }));

  const scanWith = (root: string) => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.cjs'), 'scan', '--all', 'routes.ts', '--format', 'json'], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; line: number }> }).findings.map((f) => `${f.ruleId}:${f.line}`).sort();
    return { code: r.status, findings };
  };

  test('intact, missing, cut, damaged or of another build: the same findings', () => {
    const expected = scanWith(REPO_ROOT);
    expect(expected.code).toBe(1);
    expect(expected.findings.some((f) => f.startsWith('js-command-injection'))).toBe(true);
    expect(expected.findings.some((f) => f.startsWith('github'))).toBe(true);
    expect(runCli(['scan', '--all', 'routes.ts'], { cwd: work }).code).toBe(1); // the ES module entry too
    expect(scanWith(pkg)).toEqual(expected);

    const dir = join(pkg, AUTOMATA_DIR);
    const names = readdirSync(dir);
    const originals = new Map(names.map((n) => [n, readFileSync(join(dir, n))]));
    const damage: Array<[string, (b: Buffer) => Buffer | undefined]> = [
      ['cut', (b) => b.subarray(0, b.length >> 1)],
      ['flipped', (b) => { const c = Buffer.from(b); c[c.length >> 1] ^= 0x10; return c; }],
      ['zeroed tables', (b) => Buffer.concat([b.subarray(0, 256), Buffer.alloc(b.length - 256)])],
      ['other build', (b) => { const key = decodeAutomatonKey(b); return encodeAutomaton(decodeAutomaton(b, key, build)!, key, 'another-build'); }],
      ['missing', () => undefined],
    ];
    for (const [what, change] of damage) {
      for (const [n, b] of originals) {
        rmSync(join(dir, n), { force: true });
        const c = change(b);
        if (c) writeFileSync(join(dir, n), c);
      }
      expect({ what, ...scanWith(pkg) }).toEqual({ what, ...expected });
    }
  });
});

/** The key in a file's metadata (the file is whole here). */
function decodeAutomatonKey(bytes: Buffer): string {
  const n = bytes.readUInt32LE(8);
  return (JSON.parse(bytes.subarray(12, 12 + n).toString('utf8')) as { key: string }).key;
}
