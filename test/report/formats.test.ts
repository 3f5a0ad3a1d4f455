import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { runCliOnPty } from '../helpers/pty.js';
import { testNeeding } from '../helpers/tools.js';
import { tokens } from '../helpers/tokens.js';

// ajv and ajv-formats are in node_modules (dependencies of @modelcontextprotocol/sdk and secretlint).
const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

/** The official SARIF 2.1.0 schema (draft-04 dialect; its keywords used here are the same in ajv's default dialect). */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's 'language' pattern is not valid with the u flag;
  addFormats(ajv);
  return ajv.compile(schema);
}

/** An SGR (colour/style) escape sequence; the progress line's erase-line sequence is not colour. */
const SGR = /\u001b\[[0-9;]*m/;

describe('report formats', () => {
  let repo: TempRepo;
  let secrets: { gh: string; slack: string; npm: string };
  beforeEach(() => {
    repo = new TempRepo();
    secrets = { gh: tokens.github(), slack: tokens.slackBot(), npm: tokens.npm() };
    repo.write('README.md', '# demo\n');
    repo.write('src/app/config.py', `import os\nGH = "${secrets.gh}"\nSLACK = "${secrets.slack}"\n`);
    repo.write('deploy/.npmrc', `//registry.npmjs.org/:_authToken=${secrets.npm}\n`);
    repo.commitAll('init');
  });
  afterEach(() => repo.cleanup());

  test('SARIF validates against the SARIF 2.1.0 schema and has what GitHub code scanning needs', () => {
    // Run from a subfolder: URIs must still be relative to the repository root.
    const res = runCli(['scan', '--all', '--format', 'sarif'], { cwd: join(repo.dir, 'src') });
    expect(res.code).toBe(1);
    const log = JSON.parse(res.stdout);
    const validate = sarifValidator();
    expect(validate({ runs: [] })).toBe(false); // the validator does reject a log without a version
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);

    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const rules = run.tool.driver.rules as Array<Record<string, any>>;
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      expect(typeof r.id).toBe('string');
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      const tags: string[] = r.properties.tags;
      expect(tags).toContain('security');
      // every CWE appears in both spellings GitHub understands
      const cwes = tags.filter((t) => /^CWE-\d+$/.test(t));
      expect(cwes.length).toBeGreaterThan(0);
      for (const c of cwes) expect(tags).toContain(`external/cwe/cwe-${c.slice(4)}`);
      if (r.properties.scanner === 'secrets') expect(tags).toEqual(expect.arrayContaining(['CWE-798', 'external/cwe/cwe-798']));
      const sev = Number(r.properties['security-severity']);
      expect(sev).toBeGreaterThan(0);
      expect(sev).toBeLessThanOrEqual(10);
    }
    const results = run.results as Array<Record<string, any>>;
    const byUri = Object.fromEntries(results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r]));
    expect(Object.keys(byUri).sort()).toEqual(['deploy/.npmrc', 'src/app/config.py']);
    const py = results.filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/app/config.py');
    expect(py.map((r) => r.locations[0].physicalLocation.region.startLine).sort()).toEqual([2, 3]);
    for (const r of results) {
      expect(rules.map((x) => x.id)).toContain(r.ruleId);
      expect(rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      const region = r.locations[0].physicalLocation.region;
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  test('SARIF outside git: URIs relative to the current folder; spaces and unicode are URI-encoded', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'my dir'));
    writeFileSync(join(dir, 'my dir', 'clé.env'), `T=${tokens.github()}\n`);
    const res = runCli(['scan', '--all', '.', '--format', 'sarif'], { cwd: dir });
    expect(res.code).toBe(1);
    const log = JSON.parse(res.stdout);
    expect(sarifValidator()(log)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/cl%C3%A9.env');
  });

  test('--output writes a valid, empty SARIF run when there are no findings', () => {
    const clean = new TempRepo();
    try {
      clean.write('a.txt', 'nothing to see\n');
      clean.commitAll('init');
      const res = runCli(['scan', '--all', '--format', 'sarif', '--output', 'out/mso.sarif'], { cwd: clean.dir });
      expect(res.code).toBe(0);
      expect(res.stdout).toBe('');
      const path = join(clean.dir, 'out', 'mso.sarif');
      expect(existsSync(path)).toBe(true);
      const log = JSON.parse(readFileSync(path, 'utf8'));
      expect(sarifValidator()(log)).toBe(true);
      expect(log.runs[0].results).toEqual([]);
      expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(0);
      // JSON and text too (written outside the tree, so the next --all does not scan the last report)
      const outDir = tempDir();
      expect(runCli(['scan', 'a.txt', '--format', 'json', '-o', join(outDir, 'r.json')], { cwd: clean.dir }).code).toBe(0);
      expect(JSON.parse(readFileSync(join(outDir, 'r.json'), 'utf8')).findings).toEqual([]);
      expect(runCli(['scan', 'a.txt', '-o', join(outDir, 'r.txt')], { cwd: clean.dir }).code).toBe(0);
      expect(readFileSync(join(outDir, 'r.txt'), 'utf8')).toContain('no findings');
    } finally {
      clean.cleanup();
    }
  });

  test('JSON: the documented schema, one object per finding', () => {
    const res = runCli(['scan', '--all', '--format', 'json'], { cwd: repo.dir });
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ version: 1, tool: { name: 'mso' }, target: 'files', root: expect.any(String) });
    expect(Object.keys(doc).sort()).toEqual(['findings', 'root', 'skipped', 'stats', 'target', 'tool', 'version']);
    expect(Object.keys(doc.stats).sort()).toEqual(['baselined', 'bytes', 'durationMs', 'files', 'fragments', 'skipped', 'suppressed', 'workers']);
    expect(doc.stats.files).toBe(3);
    expect(doc.findings).toHaveLength(3);
    for (const f of doc.findings) {
      expect(f).toEqual(
        expect.objectContaining({
          ruleId: expect.any(String),
          scanner: 'secrets',
          severity: expect.stringMatching(/^(low|medium|high|critical)$/),
          message: expect.any(String),
          file: expect.any(String),
          line: expect.any(Number),
          endLine: expect.any(Number),
          column: expect.any(Number),
          endColumn: expect.any(Number),
          preview: expect.stringMatching(/…\(\d+ chars\)$/),
          fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
          tags: expect.arrayContaining(['CWE-798']),
          cwe: ['CWE-798'],
        }),
      );
    }
    const gh = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'github-token');
    expect(gh).toMatchObject({ file: 'src/app/config.py', line: 2, endLine: 2, column: 7, preview: `${secrets.gh.slice(0, 6)}…(40 chars)` });
  });

  test('text: grouped by file, rule, redacted preview and the ways out; no colour when piped', () => {
    const res = runCli(['scan', '--all'], { cwd: repo.dir, env: { NO_COLOR: '' } });
    expect(res.code).toBe(1);
    const out = res.stdout;
    expect(out).not.toMatch(SGR);
    const lines = out.split('\n');
    const pyHeader = lines.indexOf('src/app/config.py');
    const npmHeader = lines.indexOf('deploy/.npmrc');
    expect(pyHeader).toBeGreaterThanOrEqual(0);
    expect(npmHeader).toBeGreaterThanOrEqual(0);
    // both config.py findings sit under its header, before the next file
    const pyBlock = lines.slice(pyHeader, lines.indexOf('', pyHeader)).join('\n');
    expect(pyBlock).toContain('github-token');
    expect(pyBlock).toContain('slack');
    expect(pyBlock).toContain(`${secrets.gh.slice(0, 6)}…(40 chars)`);
    expect(out).toContain('mso:allow');
    expect(out).toContain('--write-baseline');
    expect(out).toMatch(/3 findings .* in 2 files/);
  });

  const pty = testNeeding('script');
  pty('text: colour on a terminal, none with NO_COLOR or --no-color', () => {
    const coloured = runCliOnPty(['scan', '--all'], { cwd: repo.dir });
    expect(coloured.code).toBe(1);
    expect(coloured.screen).toMatch(SGR);
    expect(coloured.screen).toContain('github-token');
    const noColor = runCliOnPty(['scan', '--all'], { cwd: repo.dir, env: { NO_COLOR: '1' } });
    expect(noColor.code).toBe(1);
    expect(noColor.screen).toContain('github-token');
    expect(noColor.screen).not.toMatch(SGR);
    const flag = runCliOnPty(['scan', '--all', '--no-color'], { cwd: repo.dir });
    expect(flag.screen).not.toMatch(SGR);
  });
});
