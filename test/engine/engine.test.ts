import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MsoError } from '../../src/core/errors.js';
import { Progress } from '../../src/engine/progress.js';
import { runScan } from '../../src/engine/scan.js';
import type { Source, SourceItem } from '../../src/sources/source.js';
import { runCli } from '../helpers/cli.js';
import { TempRepo, tempDir } from '../helpers/git-repo.js';
import { runCliOnPty } from '../helpers/pty.js';
import { testNeeding } from '../helpers/tools.js';
import { tokens } from '../helpers/tokens.js';

const engineOpts = { scanners: { scanners: ['secrets'], ruleDirs: [] }, maxBytes: 1 << 20, jobs: 1 };

describe('engine: a scan that had something to scan and scanned nothing is an error', () => {
  test('a source that promised items and delivered fewer fails the scan', async () => {
    const source: Source = {
      target: 'staged changes',
      root: tempDir(),
      async *items(): AsyncGenerator<SourceItem> {
        // promised two staged files, delivered none
      },
      expectedItems: () => 2,
    };
    await expect(runScan(source, engineOpts)).rejects.toThrow(MsoError);
    await expect(runScan(source, engineOpts)).rejects.toThrow(/2 item\(s\) to scan but 0 were read/);
  });

  test('a source with nothing to scan is fine', async () => {
    const source: Source = { target: 'staged changes', root: tempDir(), async *items() {}, expectedItems: () => 0 };
    const r = await runScan(source, engineOpts);
    expect(r.stats.files).toBe(0);
    expect(r.findings).toEqual([]);
  });
});

describe('progress', () => {
  const fakeStream = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, stream: { isTTY, write: (c: string) => (chunks.push(c), true) } as unknown as NodeJS.WritableStream & { isTTY?: boolean } };
  };

  test('draws files and MB on a TTY and clears its line when done', () => {
    const { chunks, stream } = fakeStream(true);
    const p = new Progress({ stream, delayMs: 0, intervalMs: 0 });
    p.add(3, 2_500_000);
    p.add(1, 500_000);
    p.done();
    expect(chunks.join('')).toContain('scanned 4 files, 3.0 MB');
    expect(chunks.at(-1)).toBe('\r\x1b[K');
  });

  test('draws nothing when the stream is not a TTY, or before the delay', () => {
    const piped = fakeStream(false);
    const p = new Progress({ stream: piped.stream, delayMs: 0, intervalMs: 0 });
    p.add(10, 1e6);
    p.done();
    expect(piped.chunks).toEqual([]);
    const quick = fakeStream(true);
    const q = new Progress({ stream: quick.stream, delayMs: 60_000 });
    q.add(10, 1e6);
    q.done();
    expect(quick.chunks).toEqual([]);
  });

  test('CLI: no progress on stderr when it is not a terminal', () => {
    const dir = tempDir();
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `f${i}.txt`), 'hello\n'.repeat(100));
    const r = runCli(['scan', '--all', '.', '--format', 'json'], { cwd: dir, env: { MSO_PROGRESS_DELAY_MS: '0' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).stats.files).toBe(20);
  });

  const pty = testNeeding('script');
  pty('CLI on a terminal: progress on stderr, never in the JSON/SARIF that stdout carries', () => {
    const dir = tempDir();
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `f${i}.txt`), 'hello\n'.repeat(100));
    const out = join(tempDir(), 'out.json');
    const r = runCliOnPty(['scan', '--all', '.', '--format', 'json'], { cwd: dir, env: { MSO_PROGRESS_DELAY_MS: '0' }, shellSuffix: `> '${out}'` });
    expect(r.code).toBe(0);
    expect(r.screen).toMatch(/mso: scanned \d+ files, [\d.]+ MB/);
    const report = readFileSync(out, 'utf8');
    expect(report).not.toContain('scanned');
    expect(JSON.parse(report).stats.files).toBe(20);
  });
});

describe('--all on a large tree (built CLI, worker threads)', () => {
  test('thousands of files: the same findings with 2 workers as in one thread, every file counted', () => {
    const repo = new TempRepo();
    try {
      const planted = new Map<string, number>();
      const filler = Array.from({ length: 40 }, (_, i) => `const value${i} = compute(${i}, "label-${i}");`).join('\n') + '\n';
      for (let i = 0; i < 2500; i++) {
        const rel = `d${Math.floor(i / 100)}/file ${i}.js`;
        let text = filler;
        if (i % 250 === 7) {
          text = filler + `const token = "${tokens.github()}";\n`;
          planted.set(rel, 41);
        }
        mkdirSync(join(repo.dir, `d${Math.floor(i / 100)}`), { recursive: true });
        writeFileSync(join(repo.dir, rel), text);
      }
      repo.write('big.bin', Buffer.alloc(2048, 0));
      repo.commitAll('tree');
      const one = runCli(['scan', '--all', '--jobs', '1', '--format', 'json'], { cwd: repo.dir });
      const two = runCli(['scan', '--all', '--jobs', '2', '--format', 'json'], { cwd: repo.dir });
      expect(one.code).toBe(1);
      expect(two.code).toBe(1);
      const a = JSON.parse(one.stdout);
      const b = JSON.parse(two.stdout);
      expect(a.stats.workers).toBe(0);
      expect(b.stats.workers).toBe(2);
      for (const r of [a, b]) {
        expect(r.stats.files).toBe(2500);
        expect(r.skipped).toEqual([{ path: 'big.bin', reason: 'binary' }]);
        expect(new Map(r.findings.map((f: { file: string; line: number }) => [f.file, f.line]))).toEqual(planted);
      }
      expect(b.stats.bytes).toBe(a.stats.bytes);
      expect(b.findings).toEqual(a.findings);
    } finally {
      repo.cleanup();
    }
  });
});
