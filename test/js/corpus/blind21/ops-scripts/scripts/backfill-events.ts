#!/usr/bin/env ts-node
// usage: backfill-events --since 2024-01-01 --map "e => ({ ...e, region: e.location.split(',')[1] })" --out events.ndjson
import fs from 'node:fs';
import path from 'node:path';
import { knex as createKnex } from 'knex';

type EventRow = { id: number; tracking_number: string; event_type: string; location: string; occurred_at: Date };

const EXPORT_DIR = process.env.EXPORT_DIR ?? '/var/exports/backfill';
const db = createKnex({ client: 'pg', connection: process.env.DATABASE_URL });

function getArg(name: string) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function buildMapper(expr: string | undefined): (e: EventRow) => unknown {
  if (!expr) return (e) => e;
  return eval(expr); //@vuln CWE-95
}

async function main() {
  const since = getArg('--since') ?? '1970-01-01';
  const mapper = buildMapper(getArg('--map'));
  const outName = path.basename(getArg('--out') ?? 'backfill.ndjson');
  const out = fs.createWriteStream(path.join(EXPORT_DIR, outName)); //@safe

  let lastId = 0;
  for (;;) {
    const rows: EventRow[] = await db('shipment_events').where('id', '>', lastId).andWhere('occurred_at', '>=', since).orderBy('id').limit(1000);
    if (rows.length === 0) break;
    for (const row of rows) out.write(JSON.stringify(mapper(row)) + '\n');
    lastId = rows[rows.length - 1].id;
  }
  out.end();
}

main().finally(() => db.destroy());
