#!/usr/bin/env node
'use strict';

const fs = require('fs');
const crypto = require('crypto');
const bcrypt = require('bcrypt');
const { Sequelize } = require('sequelize');
const { parse } = require('csv-parse/sync');

const [, , csvFile, tenant = 'default'] = process.argv;
const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });

function legacyPasswordHash(password) {
  return crypto.createHash('sha1').update(password).digest('hex'); //@vuln CWE-327|CWE-328
}

async function importRow(row) {
  const hash = await bcrypt.hash(row.password, 12); //@safe
  const legacy = process.env.KEEP_LEGACY_DIGEST ? legacyPasswordHash(row.password) : null;
  await sequelize.query(
    'INSERT INTO users (tenant, email, name, password_hash, legacy_digest) VALUES (:tenant, :email, :name, :hash, :legacy)',
    { replacements: { tenant, email: row.email, name: row.name, hash, legacy } }
  );
}

(async () => {
  const rows = parse(fs.readFileSync(csvFile), { columns: true, skip_empty_lines: true });
  await sequelize.query(`DELETE FROM users WHERE tenant = '${tenant}' AND source = 'csv'`); //@vuln CWE-89
  for (const row of rows) {
    await importRow(row);
  }
  console.log(`imported ${rows.length} users into ${tenant}`);
  await sequelize.close();
})();
