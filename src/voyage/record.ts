import { z } from 'zod';
import { listIds, readRecord, updateRecord, writeRecord } from '../workspace/records.js';

/**
 * The order and voyage records (.mso/orders/ORD-0001.json,
 * .mso/voyages/VOY-0001.json). Formats are documented in docs/dispatch.md.
 * They never hold a secret: an order holding one is withheld, findings carry
 * only redacted previews.
 */
export const orderSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  /** The order text; empty when withheld. */
  text: z.string(),
  /** "argument" or "file:<path>". */
  source: z.string(),
  /** True when the text held a secret and was not stored. */
  withheld: z.boolean().default(false),
  voyage: z.string(),
});
export type OrderRecord = z.infer<typeof orderSchema>;

export const VOYAGE_STATUSES = ['running', 'completed', 'failed', 'blocked', 'interrupted', 'merged', 'abandoned'] as const;
export type VoyageStatus = (typeof VOYAGE_STATUSES)[number];

export const findingRefSchema = z.object({
  file: z.string(),
  line: z.number(),
  ruleId: z.string(),
  severity: z.string(),
  preview: z.string(),
});
export type FindingRef = z.infer<typeof findingRefSchema>;

export const checkSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });
export type GateCheck = z.infer<typeof checkSchema>;

export const voyageSchema = z.object({
  id: z.string(),
  order: z.string(),
  title: z.string(),
  status: z.enum(VOYAGE_STATUSES),
  reason: z.string().nullable().default(null),
  branch: z.string().nullable(),
  base: z.string(),
  baseCommit: z.string(),
  /** Last known head of the voyage branch. */
  head: z.string().nullable(),
  /** Worktree relative to the repository root, while it exists. */
  worktree: z.string().nullable(),
  model: z.string(),
  /** The dispatch process while the crew runs (to tell a crashed run from a live one). */
  pid: z.number().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  crew: z
    .object({
      turns: z.number(),
      toolCalls: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      refusals: z.number(),
      filesWritten: z.array(z.string()),
    })
    .prefault({ turns: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, refusals: 0, filesWritten: [] }),
  /** What stopped the voyage when it was blocked (redacted). */
  blockedBy: z.array(findingRefSchema).default([]),
  review: z
    .object({
      head: z.string(),
      clean: z.boolean(),
      findings: z.number(),
      suppressedInline: z.number(),
      unreviewable: z.number(),
      report: z.string(),
      at: z.string(),
    })
    .nullable()
    .default(null),
  gate: z
    .object({ head: z.string(), baseHead: z.string(), passed: z.boolean(), checks: z.array(checkSchema), report: z.string(), at: z.string() })
    .nullable()
    .default(null),
  approval: z.object({ head: z.string(), paths: z.array(z.string()), by: z.string(), at: z.string() }).nullable().default(null),
  merge: z.object({ commit: z.string(), at: z.string() }).nullable().default(null),
});
export type VoyageRecord = z.infer<typeof voyageSchema>;

export const now = () => new Date().toISOString();

export function loadVoyage(root: string, id: string): VoyageRecord {
  return readRecord(root, 'voyages', id, voyageSchema);
}

export function loadOrder(root: string, id: string): OrderRecord {
  return readRecord(root, 'orders', id, orderSchema);
}

export function saveVoyage(root: string, v: VoyageRecord): void {
  writeRecord(root, 'voyages', v.id, { ...v, updatedAt: now() });
}

export function updateVoyage(root: string, id: string, change: (v: VoyageRecord) => void): Promise<VoyageRecord> {
  return updateRecord(root, 'voyages', id, voyageSchema, (v) => {
    change(v);
    v.updatedAt = now();
  });
}

export function listVoyages(root: string): VoyageRecord[] {
  return listIds(root, 'voyages').map((id) => loadVoyage(root, id));
}

/** A voyage still "running" whose dispatch process is gone (killed, crashed). */
export function isStale(v: VoyageRecord): boolean {
  if (v.status !== 'running' || !v.pid) return false;
  try {
    process.kill(v.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function statusText(v: VoyageRecord): string {
  return isStale(v) ? `running (stale: process ${v.pid} is gone)` : v.status;
}
