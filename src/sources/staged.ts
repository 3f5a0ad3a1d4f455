import { MsoError } from '../core/errors.js';
import { decodeContent } from './content.js';
import { DiffParser, type DiffSection } from './diff-parser.js';
import { blobSizes, git, readBlobs } from './git.js';
import type { Source, SourceItem } from './source.js';

interface RawEntry {
  dstMode: string;
  dstOid: string;
  status: string;
  path: string;
}

/** Parses `git diff --raw -z` output: ":old new oldOid newOid S\0path\0". */
export function parseRawZ(buf: Buffer): RawEntry[] {
  const parts = buf.toString('utf8').split('\0');
  const out: RawEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i]!;
    if (!meta.startsWith(':')) break;
    const [, dstMode, , dstOid, status] = meta.slice(1).split(' ');
    out.push({ dstMode: dstMode!, dstOid: dstOid!, status: status!, path: parts[i + 1]! });
  }
  return out;
}

/**
 * What is staged: the index content of every added or modified file, with
 * findings limited to the lines the commit adds. Reads the index, never the
 * working tree, so partial staging is scanned exactly as it will be committed.
 * Renames are not detected on purpose: a moved file is scanned as new.
 *
 * Every staged entry yields exactly one item (a fragment or a counted skip),
 * and the engine checks that count: staged changes that produce nothing to
 * scan are an error, never a silent pass.
 */
export class StagedSource implements Source {
  readonly target = 'staged changes';
  private entries: number | undefined;

  constructor(
    readonly root: string,
    private readonly maxBytes: number,
  ) {}

  expectedItems(): number | undefined {
    return this.entries;
  }

  async *items(): AsyncGenerator<SourceItem> {
    const common = ['--cached', '--no-renames', '--no-ext-diff', '--no-textconv', '--diff-filter=AMT', '--ignore-submodules=none'];
    // Both diffs read only the index: run them side by side (a hook's latency is mostly waiting on git).
    const [rawOut, patchOut] = await Promise.allSettled([
      git(['diff', ...common, '--raw', '-z', '--no-abbrev'], { cwd: this.root }),
      git(['-c', 'core.quotePath=true', 'diff', ...common, '-U0', '--text', '--no-color'], { cwd: this.root }),
    ]);
    if (rawOut.status === 'rejected') throw rawOut.reason;
    if (patchOut.status === 'rejected') throw patchOut.reason;
    const raw = parseRawZ(rawOut.value.stdout);
    this.entries = raw.length;
    if (raw.length === 0) return;
    const sections: DiffSection[] = [];
    const parser = new DiffParser((s) => sections.push(s));
    const patch = patchOut.value.stdout;
    for (const line of patch.toString('utf8').split('\n')) parser.push(line);
    parser.flush();
    if (sections.length !== raw.length) {
      throw new MsoError(`git diff: expected ${raw.length} changed files in the patch but parsed ${sections.length}; refusing to guess`);
    }
    const files = raw.filter((e) => e.dstMode !== '160000');
    // Sizes first, so a huge staged file is skipped without being read into memory.
    const sizes = await blobSizes(
      files.map((e) => e.dstOid),
      this.root,
    );
    const blobs = await readBlobs(
      files.filter((e) => sizes.get(e.dstOid)! <= this.maxBytes).map((e) => e.dstOid),
      this.root,
    );
    for (let i = 0; i < raw.length; i++) {
      const entry = raw[i]!;
      const section = sections[i]!;
      if (entry.dstMode === '160000') {
        yield { kind: 'skip', item: { path: entry.path, reason: 'submodule' } };
        continue;
      }
      if (section.path !== undefined && section.path !== entry.path) {
        throw new MsoError(`git diff: patch for ${JSON.stringify(section.path)} does not line up with ${JSON.stringify(entry.path)}`);
      }
      const size = sizes.get(entry.dstOid)!;
      if (size > this.maxBytes) {
        yield { kind: 'skip', item: { path: entry.path, reason: 'too-large', detail: `${size} bytes > limit ${this.maxBytes}` } };
        continue;
      }
      const buf = blobs.get(entry.dstOid);
      if (!buf) throw new MsoError(`git cat-file: staged content of ${entry.path} could not be read`);
      const decoded = decodeContent(entry.path, buf, this.maxBytes);
      if ('skip' in decoded) {
        yield { kind: 'skip', item: decoded.skip };
        continue;
      }
      // New files are scanned whole; modified ones report only the lines this commit adds.
      const reportLines = entry.status === 'A' ? undefined : new Set(section.added.map((a) => a.line));
      const text = reportLines && reportLines.size === 0 ? '' : decoded.text; // mode-only change: read, nothing added
      yield { kind: 'fragment', fragment: { path: entry.path, text, reportLines }, bytes: buf.length };
    }
  }
}
