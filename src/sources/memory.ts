import type { Fragment } from '../core/types.js';
import type { Source, SourceItem } from './source.js';

/** Fragments already in memory: an agent's tool input, an order about to be sent, a written file. */
export class MemorySource implements Source {
  constructor(
    readonly root: string,
    private readonly fragments: Fragment[],
    readonly target = 'input',
  ) {}

  async *items(): AsyncGenerator<SourceItem> {
    for (const fragment of this.fragments) yield { kind: 'fragment', fragment, bytes: Buffer.byteLength(fragment.text) };
  }
}
