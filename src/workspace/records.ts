import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.js';
import { MsoError, errorMessage } from '../core/errors.js';
import { withLock } from './lock.js';
import { ensureWorkspace, msoPath } from './layout.js';

/**
 * Records under .mso/: one JSON file per record, written atomically, with
 * sequential zero-padded ids (ORD-0001, VOY-0001) handed out under a
 * workspace-wide lock so concurrent processes never share an id.
 */
export type RecordKind = 'orders' | 'voyages';
export const PREFIX: Record<RecordKind, string> = { orders: 'ORD', voyages: 'VOY' };

export function recordPath(root: string, kind: RecordKind, id: string): string {
  return msoPath(root, kind, `${id}.json`);
}

export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

/** "VOY-0001", "voy-1" or "1" → "VOY-0001"; anything else is an error (exit 2). */
export function normalizeId(kind: RecordKind, value: string): string {
  const prefix = PREFIX[kind];
  const m = new RegExp(`^(?:${prefix}-)?0*(\\d+)$`, 'i').exec(value.trim());
  if (!m || Number(m[1]) === 0) throw new MsoError(`not a ${kind.slice(0, -1)} id: '${value}' (expected ${prefix}-0001)`);
  return formatId(prefix, Number(m[1]));
}

export function listIds(root: string, kind: RecordKind): string[] {
  const dir = msoPath(root, kind);
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${PREFIX[kind]}-(\\d{4,})\\.json$`);
  return readdirSync(dir)
    .map((f) => re.exec(f))
    .filter((m): m is RegExpExecArray => !!m)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => formatId(PREFIX[kind], Number(m[1])));
}

/** Held while ids are handed out (and while dispatch creates branches and worktrees). */
export function withWorkspaceLock<T>(root: string, body: () => Promise<T> | T): Promise<T> {
  ensureWorkspace(root);
  return withLock(msoPath(root, 'locks', 'workspace.lock'), body);
}

/** The next free id; call inside withWorkspaceLock and write the record before releasing it. */
export function nextId(root: string, kind: RecordKind): string {
  const ids = listIds(root, kind);
  const last = ids.length ? Number(ids[ids.length - 1]!.split('-')[1]) : 0;
  return formatId(PREFIX[kind], last + 1);
}

export function readRecord<S extends z.ZodType>(root: string, kind: RecordKind, id: string, schema: S): z.infer<S> {
  const path = recordPath(root, kind, id);
  if (!existsSync(path)) throw new MsoError(`${id}: no such ${kind.slice(0, -1)} (${path} is missing)`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MsoError(`${path}: not valid JSON: ${errorMessage(err)}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new MsoError(`${path}: invalid record: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function writeRecord(root: string, kind: RecordKind, id: string, data: unknown): void {
  writeFileAtomic(recordPath(root, kind, id), JSON.stringify(data, null, 2) + '\n');
}

/** Read-modify-write of one record under its own lock. */
export function updateRecord<S extends z.ZodType>(
  root: string,
  kind: RecordKind,
  id: string,
  schema: S,
  change: (rec: z.infer<S>) => z.infer<S> | void,
): Promise<z.infer<S>> {
  return withLock(msoPath(root, 'locks', `${id}.lock`), () => {
    const rec = readRecord(root, kind, id, schema);
    const next = change(rec) ?? rec;
    writeRecord(root, kind, id, next);
    return next;
  });
}
