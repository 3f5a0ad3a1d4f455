'use strict';

const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');
const { Worker } = require('bullmq');
const { Sequelize, QueryTypes } = require('sequelize');
const { fetch } = require('undici');
const config = require('../config');

const { database, username, password, host, dialect } = config.reporting;
const sequelize = new Sequelize(database, username, password, { host, dialect, logging: false });

function toCsv(rows) {
  if (!rows.length) return '';
  const header = Object.keys(rows[0]);
  return [header.join(','), ...rows.map((row) => header.map((h) => JSON.stringify(row[h] ?? '')).join(','))].join('\n');
}

async function loadRows(tenantId, params) {
  const columns = (params.columns || ['account_id', 'metric', 'total']).join(', ');
  return sequelize.query(`SELECT ${columns} FROM account_rollups WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to`, { //@vuln CWE-89
    replacements: { tenantId, from: params.from, to: params.to },
    type: QueryTypes.SELECT,
  });
}

async function loadAccountNames(tenantId, accountIds) {
  return sequelize.query('SELECT id, name FROM accounts WHERE tenant_id = ? AND id IN (?)', { //@safe
    replacements: [tenantId, accountIds],
    type: QueryTypes.SELECT,
  });
}

function writeReport(tenantId, fileName, contents) {
  const dir = path.join(config.outputDir, tenantId);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, fileName);
  fs.writeFileSync(target, contents); //@vuln CWE-22
  return target;
}

function compress(file, level) {
  execSync(`gzip -${level || 6} -f "${file}"`); //@vuln CWE-78
  return `${file}.gz`;
}

async function deliver(destination, file) {
  const headers = { 'content-type': 'application/gzip' };
  const res = await fetch(destination.url, { method: 'PUT', body: fs.createReadStream(file), duplex: 'half', headers }); //@vuln CWE-918
  if (!res.ok) throw new Error(`delivery failed: ${res.status}`);
}

async function handle(job) {
  const { tenantId, params, destination } = job.data;
  const rows = await loadRows(tenantId, params);
  const names = await loadAccountNames(tenantId, [...new Set(rows.map((r) => r.account_id))]);
  const byId = Object.fromEntries(names.map((n) => [n.id, n.name]));
  const enriched = rows.map((r) => ({ ...r, account_name: byId[r.account_id] || '' }));

  const file = writeReport(tenantId, params.fileName || `report-${job.id}.csv`, toCsv(enriched));
  const gz = compress(file, params.compressionLevel);
  if (destination && destination.url) await deliver(destination, gz);
  return { file: gz, rows: enriched.length };
}

const worker = new Worker('scheduled-reports', handle, { connection: config.redis, concurrency: 4 });
worker.on('failed', (job, err) => console.error(`report job ${job && job.id} failed`, err));
