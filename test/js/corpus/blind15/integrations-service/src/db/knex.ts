import knexFactory from 'knex';

export const knex = knexFactory({ client: 'pg', connection: process.env.INTEGRATIONS_DATABASE_URL, pool: { min: 1, max: 8 } });
