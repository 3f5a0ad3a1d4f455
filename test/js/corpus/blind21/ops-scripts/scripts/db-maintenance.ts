#!/usr/bin/env ts-node
import { knex as createKnex } from 'knex';

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const db = createKnex({
  client: 'pg',
  connection: process.env.MAINT_DATABASE_URL ?? 'postgres://maint:changeme-maint-pass@dispatch-db.internal:5432/dispatch', //@vuln CWE-798
});

async function vacuum(table: string) {
  await db.raw('VACUUM (ANALYZE) ??', [table]); //@safe
  console.log(`vacuumed ${table}`);
}

async function purge(table: string, olderThanDays: string, dateColumn = 'created_at') {
  const sql = `DELETE FROM ${table} WHERE ${dateColumn} < now() - interval '${olderThanDays} days'`;
  const res = await db.raw(sql); //@vuln CWE-89
  console.log(`purged ${res.rowCount} rows from ${table}`);
}

async function main() {
  const [, , command, ...rest] = process.argv;
  switch (command) {
    case 'vacuum':
      await vacuum(rest[0]);
      break;
    case 'purge':
      await purge(rest[0], rest[1] ?? '90', rest[2]);
      break;
    default:
      console.error('usage: db-maintenance <vacuum|purge> ...');
      process.exitCode = 2;
  }
}

main().finally(() => db.destroy());
