import knex, { Knex } from 'knex';
import { parseArgs } from 'node:util';
import config from '../config';

const db: Knex = knex({ client: 'pg', connection: config.warehouse.connectionString, pool: { min: 0, max: 4 } });

function parseOptions(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { tenant: { type: 'string' }, day: { type: 'string' }, metrics: { type: 'string' } } });
  const day = values.day ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return { tenant: values.tenant, day, metrics: (values.metrics ?? 'pageviews,sessions,revenue').split(',') };
}

async function clearDay(tenantId: string, day: string) {
  await db.raw(`DELETE FROM daily_rollups WHERE tenant_id = '${tenantId}' AND day = '${day}'`); //@vuln CWE-89
}

async function rollup(tenantId: string, day: string, metrics: string[]) {
  await db.raw( //@safe
    `INSERT INTO daily_rollups (tenant_id, day, metric, total)
     SELECT tenant_id, occurred_at::date, metric, SUM(value) FROM events
     WHERE tenant_id = ? AND occurred_at::date = ? AND metric = ANY(?)
     GROUP BY tenant_id, occurred_at::date, metric`,
    [tenantId, day, metrics],
  );
}

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  const tenants = opts.tenant ? [opts.tenant] : (await db('tenants').where({ status: 'active' }).pluck('id'));
  for (const tenantId of tenants) {
    await clearDay(tenantId, opts.day);
    await rollup(tenantId, opts.day, opts.metrics);
  }
  console.log(`rolled up ${tenants.length} tenants for ${opts.day}`);
}

main()
  .catch((err) => console.error(err))
  .finally(() => db.destroy());
