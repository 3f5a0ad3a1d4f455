import { decodeContent } from './content.js';
import type { Source, SourceItem } from './source.js';

/** Content piped on standard input, named by `--stdin-name` for path-based rules. */
export class StdinSource implements Source {
  readonly target = 'stdin';

  constructor(
    readonly root: string,
    private readonly name: string,
    private readonly maxBytes: number,
    private readonly input: NodeJS.ReadableStream = process.stdin,
  ) {}

  async *items(): AsyncGenerator<SourceItem> {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of this.input) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(b);
      total += b.length;
      if (total > this.maxBytes) {
        // Stop reading: an endless or huge stream is skipped and counted, not held in memory.
        yield { kind: 'skip', item: { path: this.name, reason: 'too-large', detail: `more than ${this.maxBytes} bytes on stdin` } };
        return;
      }
    }
    const buf = Buffer.concat(chunks);
    const decoded = decodeContent(this.name, buf, this.maxBytes);
    if ('skip' in decoded) yield { kind: 'skip', item: decoded.skip };
    else yield { kind: 'fragment', fragment: { path: this.name, text: decoded.text }, bytes: buf.length };
  }
}
