#!/usr/bin/env node
'use strict';

const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
const Database = require('better-sqlite3');

const tables = process.argv.slice(2);
const cache = new Database(process.env.CACHE_DB || './cache.sqlite');

async function reindex(table) {
  await knex.raw(`REINDEX TABLE ${table}`); //@vuln CWE-89
  await knex.raw('ANALYZE ??', [table]); //@safe
  cache.prepare(`DELETE FROM query_cache WHERE tbl = '${table}'`).run(); //@vuln CWE-89
  const left = cache.prepare('SELECT count(*) AS n FROM query_cache WHERE tbl = ?').get(table); //@safe
  console.log(`${table}: reindexed, ${left.n} cache rows left`);
}

(async () => {
  for (const table of tables) {
    await reindex(table);
  }
  await knex.destroy();
  cache.close();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
