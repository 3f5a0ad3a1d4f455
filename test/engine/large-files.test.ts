import { describe, expect, test } from '@jest/globals';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNK_BYTES } from '../../src/engine/chunked-file.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/git-repo.js';
import { tokens } from '../helpers/tokens.js';

// Large text files are scanned in bounded chunks with overlap: a token on a chunk edge is
// found exactly once, at its real line and column; only pathological sizes are skipped, and
// every skip is reported.

interface Report {
  findings: Array<{ ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number }>;
  skipped: Array<{ path: string; reason: string; detail?: string }>;
  stats: { files: number; bytes: number };
}
const scan = (dir: string, extra: string[] = []) => {
  const res = runCli(['scan', '--all', '.', '--format', 'json', ...extra], { cwd: dir });
  return { code: res.code, report: JSON.parse(res.stdout) as Report };
};

/** Whole filler lines of `width` characters, about `bytes` long (no keyword of any rule in them). */
function filler(bytes: number, width = 99): string {
  const line = 'x'.repeat(width) + '\n';
  return line.repeat(Math.floor(bytes / line.length));
}

describe('large files in chunks', () => {
  test('a 12 MB file: a multi-line match across the chunk cut and tokens on each side are each found once, at the right line', () => {
    const dir = tempDir();
    const gh1 = tokens.github();
    const gh2 = tokens.github();
    const npmTok = tokens.npm();
    // The cut falls on the last line end before CHUNK_BYTES: put it between the two lines of a
    // name/value pair, so the match starts in the first chunk and ends in the second.
    const before = `k = "${gh1}"\n`;
    const nameLine = '- name: DB_PASSWORD\n';
    const valueLine = `  value: "${tokens.slackBot().replace(/-/g, 'q')}Zz9"\n`;
    const after = `t = "${npmTok}"\n`;
    const headLen = CHUNK_BYTES - 5 - before.length - nameLine.length;
    let head = filler(headLen - 50);
    head += 'y'.repeat(headLen - head.length - 1) + '\n';
    const headLines = head.split('\n').length - 1;
    expect((head + before + nameLine).length).toBeLessThan(CHUNK_BYTES);
    expect((head + before + nameLine + valueLine).length).toBeGreaterThan(CHUNK_BYTES);
    const tail = filler(12 * 1024 * 1024 - CHUNK_BYTES);
    const text = head + before + nameLine + valueLine + after + tail + `last = "${gh2}"`;
    writeFileSync(join(dir, 'bundle.yaml'), text);
    const { code, report } = scan(dir);
    expect(code).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(report.stats.bytes).toBe(Buffer.byteLength(text));
    const at = report.findings.map((f) => `${f.ruleId}:${f.line}:${f.column}`);
    expect(at).toEqual([
      `github-token:${headLines + 1}:6`,
      `generic-kubernetes-env-secret:${headLines + 3}:11`,
      `npm-token:${headLines + 4}:6`,
      `github-token:${text.split('\n').length}:9`,
    ]);
  });

  test('one 12 MB line: a token on the cut is found once, at its real column', () => {
    const dir = tempDir();
    const gh = tokens.github();
    // No line end anywhere: the cut is at CHUNK_BYTES exactly (ASCII), inside the token.
    const col = CHUNK_BYTES - 20;
    const text = 'a '.repeat(col / 2) + gh + ' ' + 'b '.repeat((12 * 1024 * 1024 - col) / 2);
    writeFileSync(join(dir, 'app.min.js'), text);
    const { report } = scan(dir);
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}:${f.column}:${f.endColumn}`)).toEqual([`github-token:1:${col + 1}:${col + 1 + gh.length}`]);
  });

  test('multi-byte UTF-8 before the cut: columns count characters, not bytes', () => {
    const dir = tempDir();
    const gh = tokens.github();
    const line = 'é'.repeat(49) + '\n'; // 99 bytes, 50 characters
    const head = line.repeat(Math.floor((CHUNK_BYTES - 10) / 99));
    const text = head + 'ü'.repeat(20) + ` k="${gh}" ` + 'ü'.repeat(30) + '\n' + head;
    writeFileSync(join(dir, 'i18n.txt'), text);
    const { report } = scan(dir);
    const lines = head.split('\n').length - 1;
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}:${f.column}`)).toEqual([`github-token:${lines + 1}:25`]);
  });

  test('a large Python file: secrets are scanned in chunks, the Python scanner reports that it skipped it', () => {
    const dir = tempDir();
    const gh = tokens.github();
    writeFileSync(join(dir, 'big.py'), `K = "${gh}"\n` + '# comment line\n'.repeat(Math.ceil((CHUNK_BYTES + 1024) / 15)));
    const { report } = scan(dir);
    expect(report.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['github-token:1']);
    expect(report.skipped).toEqual([expect.objectContaining({ path: 'big.py', reason: 'too-large', detail: expect.stringContaining('python') })]);
  });

  test('pathological sizes are skipped and reported; a file under the limit is scanned', () => {
    const dir = tempDir();
    // A sparse file: its size is checked before anything is read.
    const fd = openSync(join(dir, 'dump.sql'), 'w');
    writeSync(fd, 'x', 101 * 1024 * 1024);
    closeSync(fd);
    writeFileSync(join(dir, 'ok.txt'), `k = "${tokens.github()}"\n`);
    const { report } = scan(dir);
    expect(report.skipped).toEqual([expect.objectContaining({ path: 'dump.sql', reason: 'too-large', detail: expect.stringContaining(String(101 * 1024 * 1024 + 1)) })]);
    expect(report.findings.map((f) => f.file)).toEqual(['ok.txt']);
    const text = runCli(['scan', '--all', '.'], { cwd: dir }).stdout;
    expect(text).toContain('dump.sql');
  });
});
