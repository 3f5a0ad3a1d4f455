import { Pool, QueryResultRow } from 'pg';
import { config } from './config';

export const pool = new Pool({
  host: config.db.host,
  port: config.db.port,
  database: config.db.database,
  user: config.db.user,
  password: config.db.password,
  max: 20,
  ssl: config.env === 'production' ? { rejectUnauthorized: true } : undefined,
});

export async function query<T extends QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const started = Date.now();
  const res = await pool.query<T>(text, params);
  if (Date.now() - started > 500) {
    console.warn('[db] slow query', { ms: Date.now() - started, text: text.slice(0, 120) });
  }
  return res.rows;
}

export async function one<T extends QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T | null> {
  const rows = await query<T>(text, params);
  return rows[0] ?? null;
}
