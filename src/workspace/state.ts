import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ignoreLocalState } from './local-ignore.js';

/**
 * Local state that mso's trust features keep under `.mso/` (the egress log,
 * telemetry consent and queue, the licence cache) is machine-local and never
 * committed. It is kept out of git without touching a committed file:
 * - each state folder holds its own `.gitignore` of `*`;
 * - the entry is listed by the one local-ignore writer (./local-ignore.ts):
 *   `.git/info/exclude`, or `.mso/.gitignore` where `.git` is a file.
 */
export const STATE_ENTRIES = ['egress.log', 'telemetry/', 'licence/'] as const;
type StateEntry = (typeof STATE_ENTRIES)[number];

const done = new Set<string>();

export function ensureStateIgnored(root: string, entry: StateEntry): void {
  const key = `${root}\0${entry}`;
  if (done.has(key)) return;
  if (entry.endsWith('/')) {
    const dir = join(root, '.mso', entry);
    mkdirSync(dir, { recursive: true });
    const inner = join(dir, '.gitignore');
    if (!existsSync(inner)) writeFileSync(inner, '# machine-local mso state: never committed\n*\n');
  }
  ignoreLocalState(root, [entry]);
  done.add(key);
}
