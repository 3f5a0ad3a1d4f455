import { decodeContent, decodeText, sniffBom } from './content.js';
import { DiffParser, type DiffSection } from './diff-parser.js';
import { BlobReader } from './blob-reader.js';
import { gitLines } from './git.js';
import type { Source, SourceItem } from './source.js';

/**
 * The lines added by every commit in a revision range (`A..B`, or any
 * `git log` revision arguments). A secret added and removed later is still
 * found: it is in history. Streams `git log -p`, so thousands of commits do
 * not sit in memory. Merge commits are diffed against their first parent.
 */
export class RangeSource implements Source {
  readonly target: string;

  constructor(
    readonly root: string,
    private readonly revArgs: string[],
    private readonly maxBytes: number,
  ) {
    this.target = `commits ${revArgs.join(' ')}`;
  }

  async *items(): AsyncGenerator<SourceItem> {
    const pending: DiffSection[] = [];
    const parser = new DiffParser((s) => pending.push(s));
    const args = [
      '-c',
      'core.quotePath=true',
      'log',
      '-p',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--no-renames',
      '--text',
      '--diff-merges=first-parent',
      '--format=%x00%H',
      ...this.revArgs,
      '--',
    ];
    const blobs = new BlobReader(this.root);
    try {
      for await (const line of gitLines(args, this.root)) {
        if (line.startsWith('\0')) parser.startCommit(line.slice(1));
        else parser.push(line);
        while (pending.length) yield* this.toItems(pending.shift()!, blobs);
      }
      parser.flush();
      while (pending.length) yield* this.toItems(pending.shift()!, blobs);
    } finally {
      blobs.close();
    }
  }

  private async *toItems(s: DiffSection, blobs: BlobReader): AsyncGenerator<SourceItem> {
    if (!s.path || s.added.length === 0) return;
    if (s.submodule) {
      yield { kind: 'skip', item: { path: s.path, reason: 'submodule' } };
      return;
    }
    const text = s.added.map((a) => a.text).join('\n');
    const bytes = Buffer.byteLength(text);
    if (text.slice(0, 8000).includes('\0')) {
      // NUL bytes in a text diff: UTF-16/32 (or binary). The diff's lines are not text, so decode the
      // file as committed with the one text decoder and report only the lines the commit added.
      yield await this.wideText(s, blobs, bytes);
      return;
    }
    const decoded = decodeContent(s.path, Buffer.from(text.slice(0, 8000)), Infinity);
    if ('skip' in decoded) {
      yield { kind: 'skip', item: decoded.skip };
      return;
    }
    if (bytes > this.maxBytes) {
      yield { kind: 'skip', item: { path: s.path, reason: 'too-large', detail: `${bytes} added bytes in ${s.commit?.slice(0, 12)}` } };
      return;
    }
    const { commit, path } = s;
    yield {
      kind: 'fragment',
      bytes,
      fragment: {
        path,
        text,
        lineMap: s.added.map((a) => a.line),
        commit,
        loadFull: async () => decodeText(await blobs.read(commit!, path)) ?? '',
      },
    };
  }

  /** A UTF-16/32 file (byte-order mark) in a commit: the whole file decoded, findings limited to the added lines. */
  private async wideText(s: DiffSection, blobs: BlobReader, diffBytes: number): Promise<SourceItem> {
    const { commit, path } = s as { commit: string; path: string };
    // Binary as before unless the file as committed starts with a UTF-16/32 byte-order mark.
    if (diffBytes > this.maxBytes * 4) return { kind: 'skip', item: { path, reason: 'binary' } };
    const buf = await blobs.read(commit, path);
    const bom = sniffBom(buf);
    if (!bom || bom.encoding === 'utf-8') return { kind: 'skip', item: { path, reason: 'binary' } };
    const decoded = decodeContent(path, buf, this.maxBytes);
    if ('skip' in decoded) return { kind: 'skip', item: decoded.skip };
    const reportLines = new Set(s.added.map((a) => a.line));
    return { kind: 'fragment', bytes: buf.length, fragment: { path, text: decoded.text, reportLines, commit, loadFull: async () => decoded.text } };
  }
}
