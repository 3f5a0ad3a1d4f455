import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import config from '../config';

const cache = new Database(process.env.META_CACHE_PATH ?? '/var/lib/dash/meta-cache.db');
const pg = new Pool({ connectionString: config.warehouse.connectionString });
const db = drizzle(pg);

const tenant = process.argv[2];
const dryRun = process.argv.includes('--dry-run');

function purgeLocalCache(slug: string) {
  const cached = cache.prepare(`SELECT COUNT(*) AS n FROM cache_entries WHERE tenant = '${slug}'`).get() as { n: number }; //@vuln CWE-89
  if (!dryRun) {
    cache.prepare('DELETE FROM cache_entries WHERE tenant = ?').run(slug); //@safe
  }
  return cached.n;
}

async function dropTenantSchema(slug: string) {
  if (dryRun) return;
  await db.execute(sql.raw(`DROP SCHEMA IF EXISTS tenant_${slug} CASCADE`)); //@vuln CWE-89
}

async function archiveTenant(slug: string) {
  await db.execute(sql`UPDATE tenants SET status = 'archived', archived_at = now() WHERE slug = ${slug}`); //@safe
}

async function main() {
  if (!tenant) {
    console.error('usage: purge-tenant <slug> [--dry-run]');
    process.exit(2);
  }
  const entries = purgeLocalCache(tenant);
  await dropTenantSchema(tenant);
  if (!dryRun) await archiveTenant(tenant);
  console.log(`${dryRun ? '[dry-run] ' : ''}purged ${tenant}: ${entries} cache entries`);
}

main()
  .catch((err) => console.error(err))
  .finally(() => Promise.all([cache.close(), pg.end()]));
