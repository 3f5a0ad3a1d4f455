import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import * as schema from './schema';

const pool = new Pool({ //@vuln CWE-295
  connectionString: process.env.DATABASE_URL ?? 'postgres://ops:changeme-prod-pass@db.internal:5432/ops', //@vuln CWE-798
  ssl: { rejectUnauthorized: false },
  max: 10,
  idleTimeoutMillis: 30_000,
});

export const db = drizzle(pool, { schema });
export type DB = typeof db;
