import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawFinding } from '../../src/core/types.js';
import { crossFilePass } from '../../src/engine/cross-file.js';
import type { Scanner } from '../../src/scanners/scanner.js';
import type { CrossFileInput, ProjectCall, ReturnFact } from '../../src/scanners/taint/project-calls.js';
import { tempDir } from '../helpers/git-repo.js';

/**
 * The engine's cross-file pass (engine/cross-file.ts) with a scanner that records what it is asked: which files are
 * analysed again with which seeds and known returns, how their findings replace the scan's, and what is skipped.
 */

function finding(file: string, line: number, scanner = 'fake', extra: Partial<RawFinding> = {}): RawFinding {
  return { ruleId: 'fake-rule', scanner, severity: 'high', message: 'm', file, line, endLine: line, column: 1, endColumn: 2, preview: 'p', fingerprint: `${file}:${line}`, tags: [], cwe: ['CWE-1'], ...extra };
}

/** A chain a → b → c: b passes what it gets on to c; c's `check` returns clean values. */
function recorder(plan: Record<string, { findings?: (input: CrossFileInput) => RawFinding[]; calls?: ProjectCall[]; returns?: ReturnFact[] }>) {
  const asked: Array<{ file: string; input: CrossFileInput }> = [];
  const scanner: Scanner = {
    name: 'fake',
    accepts: (p) => p.endsWith('.ts'),
    scan: () => [],
    describeRules: () => [],
    scanSeeded: (file, _text, input) => {
      asked.push({ file, input: { seeds: [...(input.seeds ?? [])], knownReturns: [...(input.knownReturns ?? [])] } });
      const p = plan[file] ?? {};
      return { findings: p.findings?.(input) ?? [], calls: p.calls ?? [], returns: p.returns ?? [] };
    },
  };
  return { scanner, asked };
}

function tree(files: Record<string, string>): { dir: string; walked: Map<string, string> } {
  const dir = tempDir();
  const walked = new Map<string, string>();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
    walked.set(rel, join(dir, rel));
  }
  return { dir, walked };
}

const call = (from: string, spec: string, path: string[], index = 0, src = 'req.query'): ProjectCall => ({ scanner: 'fake', from, line: 3, spec, path, args: [{ index, src, clean: [] }] });

test('follows calls hop by hop, seeds each file once per parameter, and replaces a re-analysed file\'s findings', async () => {
  const { walked } = tree({ 'src/a.ts': 'a', 'src/b.ts': 'b', 'src/c.ts': 'c', 'README.md': 'x' });
  const { scanner, asked } = recorder({
    'src/b.ts': { calls: [call('src/b.ts', './c', ['run'], 1, 'req.query, passed by src/a.ts:3')], findings: () => [finding('src/b.ts', 7)] },
    'src/c.ts': { findings: (input) => (input.seeds?.length ? [finding('src/c.ts', 2)] : []) },
  });
  const raw = [finding('src/b.ts', 7, 'fake', { severity: 'low' }), finding('src/b.ts', 1, 'secrets'), finding('src/a.ts', 9)];
  // the same call twice (a rerun in the caller): one seed
  await crossFilePass([scanner], [call('src/a.ts', './b', ['handle']), call('src/a.ts', './b', ['handle'])], walked, 1e9, raw);
  expect(asked.map((a) => a.file)).toEqual(['src/b.ts', 'src/c.ts']);
  expect(asked[0]!.input.seeds).toEqual([{ path: ['handle'], index: 0, src: 'req.query, passed by src/a.ts:3', clean: [] }]);
  expect(asked[1]!.input.seeds![0]).toMatchObject({ path: ['run'], index: 1 });
  // b's code findings were replaced (the low one is gone, the new high one is there); its secrets finding stays
  expect(raw.map((f) => `${f.scanner}:${f.file}:${f.line}:${f.severity}`).sort()).toEqual(['fake:src/a.ts:9:high', 'fake:src/b.ts:7:high', 'fake:src/c.ts:2:high', 'secrets:src/b.ts:1:high']);
});

test('a clean return is learnt from the analysed module and its caller is analysed again knowing it (only if it had findings)', async () => {
  const { walked } = tree({ 'src/a.ts': 'a', 'src/q.ts': 'q', 'src/util.ts': 'u' });
  const { scanner, asked } = recorder({
    'src/util.ts': { returns: [{ name: 'check', clean: ['path'] }] },
    // a still hands check() the data (the call is made before the check), as it did in the scan
    'src/a.ts': { findings: (input) => (input.knownReturns?.length ? [] : [finding('src/a.ts', 4)]), calls: [call('src/a.ts', './util', ['check'])] },
  });
  const raw = [finding('src/a.ts', 4)];
  await crossFilePass([scanner], [call('src/a.ts', './util', ['check']), call('src/q.ts', './util', ['check'])], walked, 1e9, raw);
  // util first (seeded), then a (known return); q has no findings, so nothing to take away: not read again
  expect(asked.map((a) => a.file)).toEqual(['src/util.ts', 'src/a.ts']);
  expect(asked[1]!.input.knownReturns).toEqual([{ spec: './util', path: ['check'], clean: ['path'] }]);
  expect(raw).toEqual([]);
});

test('what is not followed: packages, files outside the scan, files the scanner does not read, files over the chunk size', async () => {
  const { walked } = tree({ 'src/a.ts': 'a', 'src/data.json': '{}', 'src/big.ts': 'x'.repeat(8 * 1024 * 1024 + 1) });
  const { scanner, asked } = recorder({});
  const raw: RawFinding[] = [];
  await crossFilePass([scanner], [call('src/a.ts', 'lodash', ['merge']), call('src/a.ts', './missing', ['f']), call('src/a.ts', './data.json', []), call('src/a.ts', './big', ['f'])], walked, 1e9, raw);
  expect(asked).toEqual([]);
  expect(raw).toEqual([]);
});

test('a module that cannot be read any more fails the scan (fail closed), naming it', async () => {
  const { walked } = tree({ 'src/a.ts': 'a', 'src/b.ts': 'b' });
  rmSync(walked.get('src/b.ts')!);
  const { scanner } = recorder({});
  await expect(crossFilePass([scanner], [call('src/a.ts', './b', ['f'])], walked, 1e9, [])).rejects.toThrow(/cannot read src\/b\.ts/);
});

test('a caller analysed again that no longer passes the data withdraws its seed: the module is analysed again without it', async () => {
  const { walked } = tree({ 'src/a.ts': 'a', 'src/rows.ts': 'r', 'src/render.ts': 'h' });
  const { scanner, asked } = recorder({
    // rows() returns a query's rows, made of none of its arguments
    'src/rows.ts': { returns: [{ name: 'rows', clean: [], fresh: true }] },
    // render() is flagged only while it is given untrusted data
    'src/render.ts': { findings: (input) => (input.seeds?.length ? [finding('src/render.ts', 5)] : []) },
    // a, once it knows rows() gives no request data back, hands render() nothing untrusted any more
    'src/a.ts': { findings: () => [], calls: [call('src/a.ts', './rows', ['rows'])] },
  });
  const raw = [finding('src/a.ts', 2)];
  await crossFilePass([scanner], [call('src/a.ts', './rows', ['rows']), call('src/a.ts', './render', ['table'])], walked, 1e9, raw);
  expect(asked.map((a) => a.file)).toEqual(['src/rows.ts', 'src/render.ts', 'src/a.ts', 'src/render.ts']);
  expect(asked[2]!.input.knownReturns).toEqual([{ spec: './rows', path: ['rows'], clean: [], fresh: true }]);
  expect(asked[3]!.input.seeds).toEqual([]);
  expect(raw).toEqual([]);
});

test('a cycle of modules handing data to each other ends (each parameter is seeded once, rounds are bounded)', async () => {
  const { walked } = tree({ 'src/a.ts': 'a', 'src/b.ts': 'b' });
  const { scanner, asked } = recorder({
    'src/a.ts': { calls: [call('src/a.ts', './b', ['f'])] },
    'src/b.ts': { calls: [call('src/b.ts', './a', ['g'])] },
  });
  await crossFilePass([scanner], [call('src/a.ts', './b', ['f'])], walked, 1e9, []);
  expect(asked.map((a) => a.file)).toEqual(['src/b.ts', 'src/a.ts']);
});
