#!/usr/bin/env node
'use strict';

// Nightly retention script (cron: 15 3 * * *)
//   node jobs/src/cleanup.js --days 90 --table audit_log
//   node jobs/src/cleanup.js --purge-org 64f1c0... --remove old-exports/2023
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');
const { Pool } = require('pg');
const { config } = require('@bo/shared/dist/config');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const key = argv[i].slice(2);
      const next = argv[i + 1];
      out[key] = next && !next.startsWith('--') ? argv[++i] : true;
    }
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const days = args.days || '90';
const table = args.table || 'audit_log';
const pool = new Pool(config.pg);

async function pruneTables() {
  const r1 = await pool.query(`DELETE FROM ${table} WHERE created_at < now() - interval '${days} days'`); //@vuln CWE-89
  console.log(`[cleanup] ${table}: removed ${r1.rowCount} rows`);

  const r2 = await pool.query("DELETE FROM sessions WHERE expires_at < now() - ($1 || ' days')::interval", [String(days)]); //@safe
  console.log(`[cleanup] sessions: removed ${r2.rowCount} rows`);
}

async function purgeOrg(orgId) {
  await pool.query(`DELETE FROM invoices WHERE org_id = '${orgId}'`); //@vuln CWE-89
  await pool.query('DELETE FROM payments WHERE org_id = $1', [orgId]);
  console.log(`[cleanup] purged org ${orgId}`);
}

function pruneExportFiles() {
  const dir = args.dir || config.exportDir;
  execSync(`find ${dir} -type f -name '*.zip' -mtime +${days} -delete`, { stdio: 'inherit' }); //@vuln CWE-78

  const cutoff = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of fs.readdirSync(path.join(config.exportDir, 'tmp'))) {
    const full = path.join(config.exportDir, 'tmp', name);
    if (fs.statSync(full).mtimeMs < cutoff) fs.unlinkSync(full); //@safe
  }

  if (args.remove) {
    fs.rmSync(path.join(config.exportDir, String(args.remove)), { recursive: true, force: true }); //@vuln CWE-22
  }
}

(async () => {
  try {
    await pruneTables();
    if (args['purge-org']) await purgeOrg(String(args['purge-org']));
    pruneExportFiles();
  } catch (err) {
    console.error('[cleanup] failed', err);
    process.exitCode = 1;
  } finally {
    await pool.end();
  }
})();
