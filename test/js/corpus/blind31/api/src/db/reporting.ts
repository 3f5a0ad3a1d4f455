import { Pool } from 'pg';
import knexFactory, { Knex } from 'knex';
import { config } from '@bo/shared/config';

// Postgres read replica used by the reporting module (invoices, payments, MRR).
export const pool = new Pool({
  host: config.pg.host,
  port: config.pg.port,
  user: config.pg.user,
  password: config.pg.password,
  database: config.pg.database,
  max: 10,
  idleTimeoutMillis: 30_000,
  ssl: { rejectUnauthorized: false }, //@vuln CWE-295
});

export const knex: Knex = knexFactory({
  client: 'pg',
  connection: {
    host: config.pg.host,
    port: config.pg.port,
    user: config.pg.user,
    password: config.pg.password,
    database: config.pg.database,
    ssl: { rejectUnauthorized: true, ca: process.env.PG_CA_CERT }, //@safe
  },
  pool: { min: 0, max: 10 },
});

pool.on('error', (err) => {
  console.error('[reporting] idle client error', err.message);
});
