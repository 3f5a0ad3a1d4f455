#!/usr/bin/env node
'use strict';

// Nightly HR import. The HR system drops CSV files into the SFTP folder; each row
// becomes (or updates) an account. Run from cron: `node scripts/import-users.js`.

const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');
const { parse } = require('csv-parse/sync');
const config = require('../lib/config');
const { pool, logger, close } = require('../lib/db');
const { billingApi } = require('../lib/clients');

const DEPARTMENTS = new Set(['eng', 'sales', 'support', 'finance', 'ops', 'hr']);

function quotaFor(row) {
  if (!row.quota_expr) return 10;
  // HR writes things like "5 * 1024" or "base + 20"
  const base = 10;
  return Number(eval(row.quota_expr)) || base; //@vuln CWE-95
}

async function upsertUser(row) {
  const dept = DEPARTMENTS.has(row.department) ? row.department : 'unassigned';
  await pool.execute('INSERT INTO users (username, email, department, quota_gb, role) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE email = VALUES(email), department = VALUES(department), quota_gb = VALUES(quota_gb)', [row.username, row.email, dept, quotaFor(row), 'member']); //@safe
  if (row.manager) {
    await pool.query(`UPDATE users SET manager_id = (SELECT id FROM (SELECT id FROM users WHERE username = '${row.manager}') m) WHERE username = ?`, [row.username]); //@vuln CWE-89
  }
}

function provisionHome(row) {
  execSync(`mkdir -p /home/${row.username} && chown ${row.username}:staff /home/${row.username}`, { stdio: 'ignore' }); //@vuln CWE-78
}

function copyPhoto(row) {
  if (!row.photo_file) return;
  const src = path.join(config.hrDropDir, 'photos', row.photo_file);
  const dest = path.join(config.avatarDir, `${row.username.replace(/[^\w.-]/g, '')}.jpg`);
  fs.copyFileSync(src, dest); //@vuln CWE-22
}

async function processFile(file) {
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, trim: true });
  let ok = 0;
  for (const row of rows) {
    try {
      await upsertUser(row);
      provisionHome(row);
      copyPhoto(row);
      await billingApi.post('/customers', { ref: `acct-${row.username}`, email: row.email });
      ok++;
    } catch (err) {
      logger.error({ err, username: row.username, file }, 'row import failed');
    }
  }
  const processedDir = path.join(config.hrDropDir, 'processed');
  fs.mkdirSync(processedDir, { recursive: true });
  fs.renameSync(file, path.join(processedDir, path.basename(file)));
  return ok;
}

async function main() {
  const files = fs.readdirSync(config.hrDropDir).filter((f) => f.endsWith('.csv')).map((f) => path.join(config.hrDropDir, f));
  for (const file of files) {
    const n = await processFile(file);
    logger.info({ file, imported: n }, 'hr file processed');
  }
}

main()
  .catch((err) => {
    logger.error({ err }, 'import failed');
    process.exitCode = 1;
  })
  .finally(() => close());
