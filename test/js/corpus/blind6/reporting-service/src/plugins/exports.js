'use strict';

const fp = require('fastify-plugin');
const mysql = require('mysql2/promise');
const { exec, execFile, spawn } = require('node:child_process');
const { promisify } = require('node:util');
const crypto = require('node:crypto');
const fs = require('node:fs/promises');
const path = require('node:path');
const os = require('node:os');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const EXPORT_ROOT = process.env.EXPORT_ROOT || '/var/reporting/exports';
const ARCHIVE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

function htmlEscape(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function toCsv(rows) {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]);
  const cell = (v) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\n');
}

function waitForExit(child) {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`child exited with ${code}`))));
  });
}

async function exportsPlugin(fastify, opts) {
  const pool = mysql.createPool({
    host: opts.db.host,
    user: opts.db.user,
    password: opts.db.password,
    database: 'reporting',
    connectionLimit: 8,
  });
  fastify.addHook('onClose', async () => pool.end());

  async function loadReport(reportId) {
    const [rows] = await pool.execute('SELECT id, title, owner_id FROM reports WHERE id = ?', [reportId]); //@safe
    return rows[0];
  }

  async function loadRows(reportId, regions, from, to) {
    const regionList = regions.map((r) => `'${r.trim()}'`).join(', ');
    const [rows] = await pool.query( //@vuln CWE-89
      `SELECT * FROM report_rows WHERE report_id = ${Number(reportId)} AND region IN (${regionList}) AND day BETWEEN ? AND ?`,
      [from, to],
    );
    return rows;
  }

  fastify.get('/reports/:reportId/rows', async (request, reply) => {
    const { region = 'EU', from = '1970-01-01', to = '2999-12-31' } = request.query;
    const report = await loadReport(request.params.reportId);
    if (!report) return reply.code(404).send({ error: 'report not found' });
    const rows = await loadRows(report.id, String(region).split(','), from, to);
    if (rows.length === 0 && (request.headers.accept || '').includes('text/html')) {
      return reply.type('text/html').send(`<p class="empty">No data for ${region} between ${from} and ${to}.</p>`); //@vuln CWE-79
    }
    return { report: report.title, rows };
  });

  fastify.get('/reports/:reportId/summary', async (request, reply) => {
    const report = await loadReport(request.params.reportId);
    const title = request.query.title || (report && report.title) || 'Untitled report';
    return reply.type('text/html').send(`<h2>${htmlEscape(title)}</h2><p>Owner: ${htmlEscape(report ? report.owner_id : '-')}</p>`); //@safe
  });

  fastify.post('/reports/:reportId/preview', async (request) => {
    const { columns = [], sampleSize = 50 } = request.body;
    const [rows] = await pool.query('SELECT * FROM report_rows WHERE report_id = ? LIMIT ?', [ //@safe
      request.params.reportId,
      Math.min(Number(sampleSize) || 50, 500),
    ]);
    const computed = columns.map(({ name, expression }) => ({
      name,
      fn: new Function('row', `with (row) { return (${expression}); }`), //@vuln CWE-95
    }));
    return rows.map((row) => Object.fromEntries([...Object.entries(row), ...computed.map((c) => [c.name, c.fn(row)])]));
  });

  fastify.post('/reports/:reportId/export', async (request) => {
    const { filename = `report-${request.params.reportId}`, compress = true } = request.body;
    const report = await loadReport(request.params.reportId);
    const rows = await loadRows(report.id, ['EU', 'US', 'APAC'], '1970-01-01', '2999-12-31');
    const outPath = path.join(EXPORT_ROOT, `${filename}.csv`);
    await fs.writeFile(outPath, toCsv(rows), 'utf8'); //@vuln CWE-22
    if (compress) {
      await execFileAsync('gzip', ['-f', outPath]); //@safe
    }
    return { file: path.relative(EXPORT_ROOT, compress ? `${outPath}.gz` : outPath) };
  });

  fastify.post('/exports/convert', async (request) => {
    const { file, sheetName = 'Sheet1' } = request.body;
    const src = path.join(EXPORT_ROOT, path.basename(file));
    const dest = src.replace(/\.csv$/, '.xlsx');
    const { stderr } = await execAsync(`ssconvert --export-options="sheet=${sheetName}" ${src} ${dest}`); //@vuln CWE-78
    if (stderr) request.log.warn({ stderr }, 'ssconvert warnings');
    return { file: path.basename(dest) };
  });

  fastify.post('/exports/archive', async (request, reply) => {
    const { name } = request.body;
    if (!ARCHIVE_NAME.test(String(name))) return reply.code(400).send({ error: 'invalid archive name' });
    const target = path.join(os.tmpdir(), `${name}.zip`);
    await waitForExit(spawn('zip', ['-qr', target, '.'], { cwd: EXPORT_ROOT })); //@safe
    return reply.type('application/zip').send(await fs.readFile(target));
  });

  fastify.post('/exports/bundle', async (request, reply) => {
    const { label, include = [] } = request.body;
    const target = path.join(os.tmpdir(), `${label}.tar.gz`);
    const child = spawn('tar', ['-czf', target, ...include], { cwd: EXPORT_ROOT, shell: true }); //@vuln CWE-78
    await waitForExit(child);
    return reply.type('application/gzip').send(await fs.readFile(target));
  });

  fastify.get('/exports/download', async (request, reply) => {
    const { file } = request.query;
    const data = await fs.readFile(path.join(EXPORT_ROOT, file)); //@vuln CWE-22
    return reply.header('content-disposition', `attachment; filename="${path.basename(file)}"`).send(data);
  });

  fastify.get('/exports/:file', async (request, reply) => {
    const safeName = path.basename(request.params.file);
    const data = await fs.readFile(path.join(EXPORT_ROOT, safeName)); //@safe
    return reply.type('text/csv').send(data);
  });

  fastify.post('/reports/:reportId/share', async (request, reply) => {
    const shareToken = crypto.randomBytes(24).toString('base64url'); //@safe
    await pool.execute('INSERT INTO report_shares (report_id, token, created_by) VALUES (?, ?, ?)', [
      request.params.reportId,
      shareToken,
      request.user.id,
    ]);
    reply.setCookie('report_share', shareToken, { path: '/reports', httpOnly: false, secure: false }); //@vuln CWE-614|CWE-1004
    return { shareUrl: `${opts.publicUrl}/reports/${request.params.reportId}?share=${shareToken}` };
  });
}

module.exports = fp(exportsPlugin, { name: 'report-exports', dependencies: ['auth', '@fastify/cookie'] });
