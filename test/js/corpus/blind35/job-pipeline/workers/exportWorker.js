'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { exec, execFile } = require('child_process');
const { promisify } = require('util');
const { Worker } = require('bullmq');
const IORedis = require('ioredis');
const AdmZip = require('adm-zip');
const { Pool } = require('pg');
const config = require('../../common/config');
const { encryptForPartner } = require('../../common/crypto');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const pool = new Pool({ connectionString: config.postgres.connectionString, max: 4 });
const connection = new IORedis({ host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null });

const EXPORTABLE_TABLES = new Set(['orders', 'customers', 'invoices', 'shipments']);
const THEME_ROOT = path.resolve(config.paths.uploads, 'themes');

function toCsv(rows) {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]);
  const cell = (v) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n');
}

async function tableExport(job) {
  const { table, where, sinceDays, format, filename, partner, tenantId } = job.data;
  if (!EXPORTABLE_TABLES.has(table)) throw new Error(`table ${table} is not exportable`);

  const params = [tenantId];
  let sql = `SELECT * FROM ${table} WHERE tenant_id = $1`;
  if (where) {
    sql += ` AND (${where})`;
  } else if (sinceDays) {
    params.push(Number.parseInt(sinceDays, 10) || 30);
    sql += ' AND created_at > now() - make_interval(days => $2)';
  }
  const { rows } = await pool.query(sql, params); //@vuln CWE-89
  await job.updateProgress(40);

  const tmpFile = `/tmp/${table}-export-${job.id}.csv`;
  fs.writeFileSync(tmpFile, toCsv(rows)); //@vuln CWE-377

  const dest = path.join(config.paths.exports, String(tenantId), filename || `${table}-${job.id}.csv`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(tmpFile, dest); //@vuln CWE-22
  fs.unlinkSync(tmpFile);
  await job.updateProgress(70);

  if (format === 'xlsx') {
    const xlsx = path.join(path.dirname(dest), `${path.basename(dest, '.csv')}.xlsx`);
    await execAsync(`ssconvert ${dest} "${xlsx}"`); //@vuln CWE-78
  } else {
    await execFileAsync('gzip', ['-kf', '--', dest]); //@safe
  }

  if (partner && process.env.PARTNER_KEY_HEX) {
    const encDir = path.join(config.paths.exports, 'partner-outbox');
    fs.mkdirSync(encDir, { recursive: true });
    fs.writeFileSync(path.join(encDir, `${job.id}.csv.enc`), encryptForPartner(Buffer.from(toCsv(rows)), process.env.PARTNER_KEY_HEX));
  }
  return { rows: rows.length, file: path.relative(config.paths.exports, dest) };
}

// Data bundles exported from the desktop app: a zip of CSVs and attachments.
async function bundleImport(job) {
  const { archivePath, tenantId } = job.data;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')); //@safe
  const zip = new AdmZip(archivePath);
  let files = 0;
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(workDir, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    files++;
  }
  await job.updateProgress(50);
  const manifest = JSON.parse(fs.readFileSync(path.join(workDir, 'manifest.json'), 'utf8'));
  return { tenantId, files, version: manifest.version, workDir };
}

async function themeImport(job) {
  const { archivePath, tenantId } = job.data;
  const dest = path.join(THEME_ROOT, String(tenantId).replace(/[^a-z0-9-]/gi, ''));
  fs.mkdirSync(dest, { recursive: true });
  const zip = new AdmZip(archivePath);
  let skipped = 0;
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.resolve(dest, entry.entryName);
    if (!target.startsWith(dest + path.sep)) { skipped++; continue; }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@safe
  }
  return { dest: path.relative(THEME_ROOT, dest), skipped };
}

const worker = new Worker('exports', async (job) => {
  switch (job.name) {
    case 'table-export': return tableExport(job);
    case 'bundle-import': return bundleImport(job);
    case 'theme-import': return themeImport(job);
    default: throw new Error(`unknown job ${job.name}`);
  }
}, { connection, concurrency: 2 });

worker.on('failed', (job, err) => console.error(`export job ${job && job.id} failed: ${err.message}`));
process.on('SIGTERM', () => Promise.all([worker.close(), pool.end()]).then(() => process.exit(0)));
