import knexFactory, { Knex } from 'knex';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import { config } from '../../common/config';

const { max, ...pgConnection } = config.pg;

// knex is used by the newer report services, the raw pg pool by the older order reports.
export const db: Knex = knexFactory({ client: 'pg', connection: pgConnection, pool: { min: 0, max } });

export const pool = new Pool({ ...pgConnection, max, statement_timeout: 30_000 });

// CRM replica (read-only) used for customer reports.
export const crm = mysql.createPool({ ...config.mysql, connectionLimit: 10, dateStrings: true });
