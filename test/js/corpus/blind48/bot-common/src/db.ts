import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import { MongoClient, Db } from 'mongodb';
import { createClient } from 'redis';
import { config } from './config';

// Managed Postgres uses a self-signed chain; we never got the CA bundle into the image.
export const pg = new Pool({
  connectionString: config.pg.connectionString,
  max: 10,
  ssl: { rejectUnauthorized: false }, //@vuln CWE-295
});

export const mysqlPool = mysql.createPool({
  host: config.mysql.host,
  user: config.mysql.user,
  password: config.mysql.password,
  database: config.mysql.database,
  connectionLimit: 5,
  namedPlaceholders: false,
});

const mongoClient = new MongoClient(config.mongoUrl);
let mongoDb: Db | null = null;

export async function mongo(): Promise<Db> {
  if (!mongoDb) {
    await mongoClient.connect();
    mongoDb = mongoClient.db();
  }
  return mongoDb;
}

export const redis = createClient({ url: config.redisUrl });
redis.on('error', (err) => console.error('[redis] error', err));

let connected = false;
export async function connectAll(): Promise<void> {
  if (connected) return;
  await Promise.all([redis.connect(), mongo(), pg.query('SELECT 1')]);
  connected = true;
}
