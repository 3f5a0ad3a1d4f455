import { Pool } from 'pg';
import { MongoClient, Db } from 'mongodb';
import { config } from './config';

export const pool = new Pool(config.pg);

pool.on('error', (err) => {
  console.error('[pg] idle client error', err);
});

let client: MongoClient | null = null;
let db: Db | null = null;

export async function mongo(): Promise<Db> {
  if (db) return db;
  client = new MongoClient(config.mongoUrl);
  await client.connect();
  db = client.db(config.mongoDb);
  return db;
}

export async function closeAll(): Promise<void> {
  await pool.end();
  if (client) await client.close();
}
