import { PrismaClient } from '@prisma/client';
import knexFactory from 'knex';

const globalForDb = globalThis;

export const prisma = globalForDb.prisma || new PrismaClient();

export const knex =
  globalForDb.knex ||
  knexFactory({
    client: 'pg',
    connection: process.env.MARKETING_DATABASE_URL,
    pool: { min: 0, max: 5 },
  });

if (process.env.NODE_ENV !== 'production') {
  globalForDb.prisma = prisma;
  globalForDb.knex = knex;
}
