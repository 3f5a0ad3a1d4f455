import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";

export const events = new Database(process.env.EVENTS_DB ?? "./data/events.sqlite");
events.pragma("journal_mode = WAL");

export const pg = drizzle(new Pool({ connectionString: process.env.DATABASE_URL }));

export type EventRow = { id: number; source: string; kind: string; payload: string; received_at: string };

export function recentEvents(source: string, limit = 50): EventRow[] {
  return events.prepare("SELECT * FROM events WHERE source = ? ORDER BY id DESC LIMIT ?").all(source, limit) as EventRow[]; //@safe
}

export function eventsByKind(kind: string): EventRow[] {
  return events.prepare(`SELECT * FROM events WHERE kind = '${kind}' ORDER BY id DESC`).all() as EventRow[]; //@vuln CWE-89
}

export function storeEvent(source: string, kind: string, payload: unknown) {
  events
    .prepare("INSERT INTO events (source, kind, payload, received_at) VALUES (?, ?, ?, datetime('now'))")
    .run(source, kind, JSON.stringify(payload));
}
