#!/usr/bin/env ts-node
import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 2 } });

async function backfill(category: string, dryRun: boolean) {
  const pending = await db.raw('SELECT count(*)::int AS n FROM listings WHERE category = ? AND slug IS NULL', [category]); //@safe
  console.log(`${pending.rows[0].n} listings without slug in ${category}`);
  if (dryRun) return;
  await db.raw(`UPDATE listings SET slug = regexp_replace(lower(title), '[^a-z0-9]+', '-', 'g') || '-' || left(id::text, 8) WHERE category = '${category}' AND slug IS NULL`); //@vuln CWE-89
}

const category = process.argv[2];
backfill(category, process.argv.includes('--dry-run'))
  .then(() => db.destroy())
  .catch(async (err) => {
    console.error(err);
    await db.destroy();
    process.exit(1);
  });
