import { Pool } from 'pg';

export const pool = new Pool({
  connectionString: process.env.TRACKING_DATABASE_URL,
  max: 20,
  idleTimeoutMillis: 30_000,
});
