import { knex as createKnex } from 'knex';
import { Model } from 'objection';
import { Pool } from 'pg';
import { config } from '../config';

export const knex = createKnex({ client: 'pg', connection: { ...config.db }, pool: { min: 2, max: 10 } });
Model.knex(knex);

export const pool = new Pool({ ...config.db, max: 5, statement_timeout: 30_000 });
