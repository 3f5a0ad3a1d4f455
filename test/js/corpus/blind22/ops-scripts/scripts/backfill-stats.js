#!/usr/bin/env node
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const { DataSource } = require('typeorm');
const Database = require('better-sqlite3');
const { Pool } = require('pg');
const { drizzle } = require('drizzle-orm/node-postgres');
const { sql } = require('drizzle-orm');

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('='))
);

const warehouse = new DataSource({ type: 'postgres', url: process.env.WAREHOUSE_URL, ssl: true });
const cache = new Database(args.cache || './stats-cache.db');
const db = drizzle(new Pool({ connectionString: process.env.STATS_DB_URL }));

function dailyViews(day, site) {
  return warehouse.query(`SELECT article_id, SUM(views) AS views FROM daily_views WHERE day = '${day}' AND site = '${site}' GROUP BY article_id`); //@vuln CWE-89
}

function cachedViews(articleId) {
  const row = cache.prepare('SELECT views FROM stats WHERE article_id = ?').get(articleId); //@safe
  return row ? row.views : 0;
}

function pruneCache(where) {
  cache.exec(`DELETE FROM stats WHERE ${where}`); //@vuln CWE-89
}

async function writeStats(table, rows, day) {
  for (const row of rows) {
    const total = Number(row.views) + cachedViews(row.article_id);
    await db.execute(sql`INSERT INTO article_stats (article_id, day, views) VALUES (${row.article_id}, ${day}, ${total})`); //@safe
  }
  await db.execute(sql.raw(`VACUUM ANALYZE ${table}`)); //@vuln CWE-89
}

async function main() {
  const day = args.day || new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await warehouse.initialize();
  const rows = await dailyViews(day, args.site || 'www');
  await writeStats(args.table || 'article_stats', rows, day);
  if (args.prune) pruneCache(args.prune);
  console.log(`backfilled ${rows.length} rows for ${day}`);
  await warehouse.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
