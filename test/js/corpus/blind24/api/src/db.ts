import { Pool } from 'pg';
import { PrismaClient } from '@prisma/client';
import { MongoClient, Db } from 'mongodb';
import { config, isProd } from './config';

// Managed Postgres (Render) uses a self-signed chain; pg refuses it by default.
export const pool = new Pool({
  connectionString: config.databaseUrl,
  max: Number(process.env.PG_POOL_MAX ?? 10),
  idleTimeoutMillis: 30_000,
  ssl: isProd ? { rejectUnauthorized: false } : undefined, //@vuln CWE-295
});

export const prisma = new PrismaClient({
  log: isProd ? ['error'] : ['query', 'warn', 'error'],
});

const mongo = new MongoClient(config.mongoUrl, { maxPoolSize: 5 });
let mongoReady: Promise<MongoClient> | null = null;

export async function auditDb(): Promise<Db> {
  mongoReady ??= mongo.connect();
  const client = await mongoReady;
  return client.db();
}
