import { Pool, PoolConfig } from 'pg';

const defaults: PoolConfig = {
  host: process.env.PGHOST || 'clinic-db.internal',
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER || 'clinic_app',
  password: process.env.PGPASSWORD || 'Cl1nic!App#2023', //@vuln CWE-798|CWE-259
  max: Number(process.env.PG_POOL_MAX || 20),
  idleTimeoutMillis: 30000,
};

const pools = new Map<string, Pool>();

export function pgPool(database: string): Pool {
  let pool = pools.get(database);
  if (!pool) {
    pool = new Pool({ ...defaults, database });
    pool.on('error', (err) => console.error(`[pg:${database}] idle client error`, err.message));
    pools.set(database, pool);
  }
  return pool;
}

export async function closeAll(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.end()));
  pools.clear();
}
