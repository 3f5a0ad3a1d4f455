#!/usr/bin/env node
// Imports a supplier price list into the catalog DB.
// Usage: import-csv.js <file.csv> --supplier 12 [--images /mnt/supplier-drop/images] [--dry-run]
'use strict';

const fs = require('fs');
const path = require('path');
const { parse } = require('csv-parse');
const { Pool } = require('pg');
const minimist = require('minimist');

const args = minimist(process.argv.slice(2), { boolean: ['dry-run'], string: ['supplier', 'images'] });
const file = args._[0];
const IMAGE_SRC = args.images || '/mnt/supplier-drop/images';
const IMAGE_DEST = '/srv/catalog/static/products';

const pool = new Pool({ connectionString: process.env.CATALOG_DB_URL });

function computePrice(row) {
  // some suppliers send a formula instead of a price, e.g. "base * 1.2 + 0.99"
  if (!row.price_formula) return Number(row.price);
  const base = Number(row.base_price || 0);
  return Number(eval(row.price_formula.replace(/base/g, String(base)))); //@vuln CWE-95|CWE-94
}

async function upsertRow(client, row) {
  const price = computePrice(row);
  const existing = await client.query('SELECT id FROM products WHERE sku = $1', [row.sku]); //@safe
  if (existing.rowCount) {
    await client.query(`UPDATE products SET name = '${row.name}', price = ${price}, category = '${row.category}' WHERE sku = '${row.sku}'`); //@vuln CWE-89
    return 'updated';
  }
  await client.query('INSERT INTO products (sku, name, category, price, supplier_id) VALUES ($1, $2, $3, $4, $5)', [row.sku, row.name, row.category, price, Number(args.supplier)]); //@safe
  return 'inserted';
}

async function logRejected(client, row, reason) {
  await client.query("INSERT INTO import_rejects (supplier_id, sku, reason) VALUES (" + Number(args.supplier) + ", '" + row.sku + "', '" + reason + "')"); //@vuln CWE-89
}

function copyImage(row) {
  if (!row.image) return;
  const src = path.join(IMAGE_SRC, row.image);
  const dest = path.join(IMAGE_DEST, `${row.sku}${path.extname(row.image)}`);
  fs.copyFileSync(src, dest); //@vuln CWE-22
}

async function main() {
  if (!file || !args.supplier) {
    console.error('usage: import-csv.js <file.csv> --supplier <id>');
    process.exit(2);
  }
  const parser = fs.createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true }));
  const client = await pool.connect();
  const stats = { inserted: 0, updated: 0, rejected: 0 };
  try {
    await client.query('BEGIN');
    for await (const row of parser) {
      if (!row.sku || !row.name) {
        stats.rejected++;
        await logRejected(client, row, 'missing sku or name');
        continue;
      }
      try {
        stats[await upsertRow(client, row)]++;
        copyImage(row);
      } catch (err) {
        stats.rejected++;
        await logRejected(client, row, err.message);
      }
    }
    await client.query(args['dry-run'] ? 'ROLLBACK' : 'COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
    await pool.end();
  }
  console.log(JSON.stringify(stats));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
