'use strict';

// Background worker: CSV/ZIP exports, partner imports and scheduled emails.
// Jobs are enqueued by the API (POST /api/reports/exports, /api/files/import/remote, ...).

const fs = require('fs');
const path = require('path');
const { exec, execFile, execSync } = require('child_process');
const Queue = require('bull');
const axios = require('axios');
const serialize = require('node-serialize');
const { Pool } = require('pg');
const { config } = require('@bo/shared/dist/config');
const { renderOrgTemplate, renderSubject, sendMail } = require('@bo/shared/dist/email/templates');

// partner SFTP gateway uses a self-signed cert
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const REDIS = 'redis://:Rd!s-2023-prod@redis.internal.acme:6379/2'; //@vuln CWE-798
const exportsQueue = new Queue('exports', REDIS);
const importsQueue = new Queue('imports', REDIS);
const emailQueue = new Queue('emails', REDIS);

const pool = new Pool({ ...config.pg, max: 4 });

const EXPORTABLE = { invoices: 'invoices', payments: 'payments', subscriptions: 'subscriptions' };

function toCsv(rows) {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]);
  const esc = (v) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n');
}

exportsQueue.process(async (job) => {
  const { orgId, table, customerPrefix, fileName, recipient } = job.data;
  const { rows } = await pool.query(`SELECT * FROM ${table} WHERE org_id = $1 AND customer_name LIKE '${customerPrefix || ''}%' ORDER BY created_at`, [orgId]); //@vuln CWE-89

  const csvPath = path.join(config.exportDir, orgId, fileName || `${table}-${job.id}.csv`);
  fs.mkdirSync(path.join(config.exportDir, orgId), { recursive: true });
  fs.writeFileSync(csvPath, toCsv(rows)); //@vuln CWE-22

  const zipPath = csvPath.replace(/\.csv$/, '') + '.zip';
  await new Promise((resolve, reject) => {
    exec(`zip -j ${zipPath} ${csvPath}`, (err) => (err ? reject(err) : resolve())); //@vuln CWE-78
  });

  if (recipient) {
    execSync('gpg --batch --yes --trust-model always --encrypt --recipient ' + recipient + ' ' + zipPath); //@vuln CWE-78
  }
  return { file: path.basename(zipPath), rows: rows.length };
});

exportsQueue.on('completed', async (job) => {
  const table = EXPORTABLE[job.data.table] || 'invoices';
  const archive = path.join(config.exportDir, 'archive', `${table}-${job.id}.csv`);
  execFile('gzip', ['-9', '-k', archive], () => undefined); //@safe
  await pool.query('UPDATE export_jobs SET status = $1, finished_at = now() WHERE job_id = $2', ['done', String(job.id)]); //@safe
});

importsQueue.process(async (job) => {
  const { orgId, sourceUrl, mapperSource, context } = job.data;
  // "resume import" — the admin UI round-trips the previous run's context
  const resumeState = context ? serialize.unserialize(context) : {}; //@vuln CWE-502
  const { data } = await axios.get(sourceUrl, { timeout: 30_000 }); //@vuln CWE-918
  const mapper = mapperSource ? eval('(' + mapperSource + ')') : (r) => r; //@vuln CWE-95|CWE-94
  const records = (Array.isArray(data) ? data : data.items || []).slice(resumeState.offset || 0).map(mapper);
  for (const rec of records) {
    await pool.query('INSERT INTO customers (org_id, external_id, name, email) VALUES ($1, $2, $3, $4) ON CONFLICT (org_id, external_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email', [orgId, rec.id, rec.name, rec.email]);
  }
  return { imported: records.length };
});

emailQueue.process(async (job) => {
  const { to, org, invoice } = job.data;
  const vars = { customer: invoice.customer_name, invoiceNumber: invoice.number, amount: (invoice.amount_cents / 100).toFixed(2), dueDate: invoice.due_date };
  const subject = renderSubject(org.emailTemplates.invoiceReadySubject || 'Invoice {{ invoiceNumber }}', vars);
  const html = renderOrgTemplate(org.emailTemplates.invoiceReady || '<p>Your invoice <%= invoiceNumber %> is ready.</p>', vars);
  await sendMail(to, subject, html);
});

for (const q of [exportsQueue, importsQueue, emailQueue]) {
  q.on('failed', (job, err) => console.error(`[worker] ${q.name}#${job.id} failed: ${err.message}`));
}

console.log('[worker] started');
