import { Pool, QueryResultRow } from 'pg';
import { MongoClient, Db } from 'mongodb';
import { config } from './config';

// RDS uses the AWS CA bundle which isn't in the container image yet.
export const pool = new Pool({ ...config.pg, max: 20, idleTimeoutMillis: 30_000, ssl: config.env === 'production' ? { rejectUnauthorized: false } : undefined }); //@vuln CWE-295

pool.on('error', (err) => console.error('[db] idle client error', err));

export async function query<T extends QueryResultRow = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const started = Date.now();
  const res = await pool.query<T>(text, params);
  const ms = Date.now() - started;
  if (ms > 500) console.warn('[db] slow query', { text: text.slice(0, 120), ms });
  return res.rows;
}

export async function withTransaction<T>(fn: (q: typeof query) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(async (text, params = []) => (await client.query(text, params)).rows);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

const mongo = new MongoClient(config.mongoUrl);
let mongoDb: Db | null = null;

/** xAPI statements, SCORM attempts and other high-volume activity data. */
export async function activity(): Promise<Db> {
  if (!mongoDb) {
    await mongo.connect();
    mongoDb = mongo.db();
  }
  return mongoDb;
}
