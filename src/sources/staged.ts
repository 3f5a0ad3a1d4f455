import { MsoError } from '../core/errors.js';
import { decodeContent } from './content.js';
import { DiffParser, type DiffSection } from './diff-parser.js';
import { git, readBlobs } from './git.js';
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
 */
export class StagedSource implements Source {
  readonly target = 'staged changes';

  constructor(
    readonly root: string,
    private readonly maxBytes: number,
  ) {}

  async *items(): AsyncGenerator<SourceItem> {
    const common = ['--cached', '--no-renames', '--no-ext-diff', '--no-textconv', '--diff-filter=AMT', '--ignore-submodules=none'];
    const raw = parseRawZ((await git(['diff', ...common, '--raw', '-z', '--no-abbrev'], { cwd: this.root })).stdout);
    if (raw.length === 0) return;
    const sections: DiffSection[] = [];
    const parser = new DiffParser((s) => sections.push(s));
    const patch = (await git(['-c', 'core.quotePath=true', 'diff', ...common, '-U0', '--text', '--no-color'], { cwd: this.root })).stdout;
    for (const line of patch.toString('utf8').split('\n')) parser.push(line);
    parser.flush();
    if (sections.length !== raw.length) {
      throw new MsoError(`git diff: expected ${raw.length} changed files in the patch but parsed ${sections.length}; refusing to guess`);
    }
    const wanted = raw.filter((e) => e.dstMode !== '160000');
    for (const e of raw) if (e.dstMode === '160000') yield { kind: 'skip', item: { path: e.path, reason: 'submodule' } };
    const blobs = await readBlobs(
      wanted.map((e) => e.dstOid),
      this.root,
    );
    for (let i = 0; i < raw.length; i++) {
      const entry = raw[i]!;
      const section = sections[i]!;
      if (entry.dstMode === '160000') continue;
      if (section.path !== undefined && section.path !== entry.path) {
        throw new MsoError(`git diff: patch for ${JSON.stringify(section.path)} does not line up with ${JSON.stringify(entry.path)}`);
      }
      const buf = blobs.get(entry.dstOid);
      if (!buf) throw new MsoError(`git cat-file: staged content of ${entry.path} could not be read`);
      const decoded = decodeContent(entry.path, buf, this.maxBytes);
      if ('skip' in decoded) {
        yield { kind: 'skip', item: decoded.skip };
        continue;
      }
      const reportLines = entry.status === 'A' ? undefined : new Set(section.added.map((a) => a.line));
      if (reportLines && reportLines.size === 0) continue; // mode-only change: nothing added
      yield { kind: 'fragment', fragment: { path: entry.path, text: decoded.text, reportLines }, bytes: buf.length };
    }
  }
}
