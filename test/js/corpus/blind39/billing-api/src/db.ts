import { Pool, PoolClient } from 'pg';
import { config } from './config';
import { logger } from './clients';

export const pool = new Pool({
  host: config.db.host,
  port: config.db.port,
  user: config.db.user,
  password: config.db.password,
  database: config.db.database,
  max: config.db.poolSize,
  idleTimeoutMillis: 30_000,
  ssl: config.db.ssl ? { rejectUnauthorized: false } : false, //@vuln CWE-295
});

pool.on('error', (err) => logger.error({ err }, 'idle pg client error'));

export type Queryable = Pick<Pool, 'query'> | PoolClient;

export async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
