import { Pool, QueryResultRow } from 'pg';
import { config } from './config';

export const pool = new Pool({
  host: config.db.host,
  port: config.db.port,
  user: config.db.user,
  password: config.db.password,
  database: config.db.database,
  max: Number(process.env.PG_POOL_SIZE ?? 20),
  idleTimeoutMillis: 30_000,
  // RDS proxy presents an internal CA; TODO bundle rds-ca-2019 and turn this back on
  ssl: { rejectUnauthorized: false }, //@vuln CWE-295
});

pool.on('error', (err) => {
  console.error('[pg] idle client error', err);
});

export async function query<T extends QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const started = Date.now();
  const res = await pool.query<T>(text, params);
  const elapsed = Date.now() - started;
  if (elapsed > 500) {
    console.warn(`[pg] slow query ${elapsed}ms: ${text.slice(0, 120)}`);
  }
  return res.rows;
}

export async function one<T extends QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T | null> {
  const rows = await query<T>(text, params);
  return rows[0] ?? null;
}
