import { knex as createKnex } from 'knex';
import { Model } from 'objection';

export const knex = createKnex({
  client: 'pg',
  connection: process.env.CONSUMERS_DATABASE_URL,
  pool: { min: 1, max: 6 },
});

Model.knex(knex);
