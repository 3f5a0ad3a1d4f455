import fs from 'fs';
import Knex from 'knex';
import { Model } from 'objection';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import mongoose from 'mongoose';
import { config } from './config';

export const knex = Knex({
  client: 'pg',
  connection: {
    host: config.database.host,
    port: config.database.port,
    user: config.database.user,
    password: config.database.password,
    database: config.database.database,
    ssl: { ca: fs.readFileSync(config.database.caCertPath, 'utf8'), rejectUnauthorized: true },  //@safe
  },
  pool: { min: 2, max: 10 },
  acquireConnectionTimeout: 10_000,
});

Model.knex(knex);

// Read replica used by the reporting and budget endpoints.
export const reportingPool = new Pool({
  connectionString: config.reportingDatabaseUrl,
  ssl: { rejectUnauthorized: false },  //@vuln CWE-295
  max: 5,
  idleTimeoutMillis: 30_000,
});

// Card ledger inherited from the Pennywise acquisition; read-only.
export const legacyLedger = mysql.createPool({
  uri: config.legacyLedgerUrl,
  connectionLimit: 4,
  namedPlaceholders: false,
});

let mongoReady: Promise<typeof mongoose> | null = null;

export function connectMongo(): Promise<typeof mongoose> {
  if (!mongoReady) {
    mongoReady = mongoose.connect(config.mongoUrl, { serverSelectionTimeoutMS: 5000 });
  }
  return mongoReady;
}

export async function closeAll(): Promise<void> {
  await Promise.allSettled([knex.destroy(), reportingPool.end(), legacyLedger.end(), mongoose.disconnect()]);
}
