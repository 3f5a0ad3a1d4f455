'use strict';

const Path = require('path');
const Fs = require('fs/promises');
const { exec, execFile } = require('child_process');
const { promisify } = require('util');
const mysql = require('mysql2/promise');
const libxmljs = require('libxmljs');
const Joi = require('joi');
const Boom = require('@hapi/boom');
const escapeHtml = require('escape-html');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const DOCS_ROOT = Path.resolve(process.env.DOCS_ROOT || '/srv/docs/store');
const TEMPLATE_DIR = Path.join(DOCS_ROOT, 'templates');
const RETURN_HOSTS = new Set(['docs.acme-internal.test', 'portal.acme-internal.test']);

const pool = mysql.createPool({ host: process.env.DOCS_DB_HOST || 'localhost', user: 'docs_rw', password: 'docs_rw_P@ssw0rd_2021', database: 'docstore', connectionLimit: 8 }); //@vuln CWE-798

function buildFilter({ owner, tag, q }) {
  const where = ['d.archived = 0'];
  if (owner) where.push(`d.owner = '${owner}'`);
  if (tag) where.push(`EXISTS (SELECT 1 FROM doc_tags t WHERE t.doc_id = d.id AND t.tag = '${tag}')`);
  if (q) where.push(`d.title LIKE '%${q}%'`);
  return where.join(' AND ');
}

async function listDocuments(filters, limit) {
  const sql = `SELECT d.id, d.title, d.owner, d.updated_at FROM documents d WHERE ${buildFilter(filters)} ORDER BY d.updated_at DESC LIMIT ${Number(limit) || 50}`;
  const [rows] = await pool.query(sql); //@vuln CWE-89
  return rows;
}

async function getDocument(id) {
  const [rows] = await pool.execute('SELECT id, title, owner, body, file_name FROM documents WHERE id = ?', [id]); //@safe
  if (!rows.length) throw Boom.notFound('document not found');
  return rows[0];
}

const renderPreview = (doc, highlight) =>
  `<!doctype html><html><head><title>${escapeHtml(doc.title)}</title></head><body><header>Matches for: <mark>${highlight}</mark></header><article>${escapeHtml(doc.body)}</article></body></html>`;

exports.plugin = {
  name: 'document-routes',
  version: '3.4.0',
  dependencies: ['@hapi/inert'],
  register(server) {
    server.state('docs_session', { ttl: 12 * 3600 * 1000, isSecure: false, isHttpOnly: false, encoding: 'base64json', path: '/' }); //@vuln CWE-614|CWE-1004
    server.state('docs_csrf', { ttl: null, isSecure: true, isHttpOnly: true, isSameSite: 'Strict', path: '/' }); //@safe

    server.route([
      {
        method: 'GET',
        path: '/documents',
        options: { validate: { query: Joi.object({ owner: Joi.string().max(64), tag: Joi.string().max(32), q: Joi.string().allow(''), limit: Joi.number().integer().max(200) }) } },
        handler: async (request) => {
          const { limit, ...filters } = request.query;
          return { items: await listDocuments(filters, limit) };
        },
      },
      {
        method: 'GET',
        path: '/documents/{id}/preview',
        handler: async (request, h) => {
          const doc = await getDocument(request.params.id);
          return h.response(renderPreview(doc, request.query.highlight || '')).type('text/html'); //@vuln CWE-79
        },
      },
      {
        method: 'GET',
        path: '/documents/{id}/card',
        handler: async (request, h) => {
          const doc = await getDocument(request.params.id);
          const note = escapeHtml(request.query.note || '');
          return h.response(`<div class="doc-card"><h3>${escapeHtml(doc.title)}</h3><p>${note}</p></div>`).type('text/html'); //@safe
        },
      },
      {
        method: 'GET',
        path: '/files/{name*}',
        handler: (request, h) => {
          const requested = request.params.name;
          request.log(['files'], `download ${requested}`);
          return h.file(Path.join(DOCS_ROOT, 'files', requested), { confine: false, mode: 'attachment' }); //@vuln CWE-22
        },
      },
      {
        method: 'GET',
        path: '/templates/{name}',
        handler: async (request, h) => {
          const resolved = Path.resolve(TEMPLATE_DIR, request.params.name);
          if (!resolved.startsWith(TEMPLATE_DIR + Path.sep)) throw Boom.badRequest('invalid template');
          const content = await Fs.readFile(resolved, 'utf8'); //@safe
          return h.response(content).type('text/plain');
        },
      },
      {
        method: 'POST',
        path: '/documents/{id}/convert',
        options: { validate: { payload: Joi.object({ format: Joi.string().required() }) } },
        handler: async (request) => {
          const doc = await getDocument(request.params.id);
          const { format } = request.payload;
          const source = Path.join(DOCS_ROOT, 'files', doc.file_name);
          const outDir = Path.join(DOCS_ROOT, 'exports');
          const cmd = [`soffice --headless --convert-to ${format}`, `--outdir ${outDir}`, `"${source}"`].join(' ');
          const { stdout } = await execAsync(cmd, { timeout: 60000 }); //@vuln CWE-78
          request.log(['convert'], stdout.trim());
          return { ok: true, output: `${doc.id}.${format}` };
        },
      },
      {
        method: 'GET',
        path: '/documents/{id}/pages',
        handler: async (request) => {
          const doc = await getDocument(request.params.id);
          const page = String(request.query.first || 1);
          const { stdout } = await execFileAsync('pdfinfo', ['-f', page, '-l', page, Path.join(DOCS_ROOT, 'files', doc.file_name)]); //@safe
          const found = /Pages:\s+(\d+)/.exec(stdout);
          return { pages: found ? Number(found[1]) : null };
        },
      },
      {
        method: 'POST',
        path: '/import/metadata',
        options: { payload: { parse: false, maxBytes: 2 * 1024 * 1024 } },
        handler: async (request, h) => {
          const xml = request.payload.toString('utf8');
          const doc = libxmljs.parseXml(xml, { noent: true, noblanks: true }); //@vuln CWE-611
          const entries = doc.find('//document').map((node) => ({ title: node.get('title')?.text(), owner: node.get('owner')?.text() }));
          return h.response({ imported: entries.length, entries }).code(201);
        },
      },
      {
        method: 'POST',
        path: '/import/validate',
        options: { payload: { parse: false, maxBytes: 2 * 1024 * 1024 } },
        handler: (request) => {
          const doc = libxmljs.parseXml(request.payload.toString('utf8'), { noent: false, nonet: true }); //@safe
          return { valid: doc.errors.length === 0, root: doc.root()?.name() };
        },
      },
      {
        method: 'GET',
        path: '/auth/callback',
        options: { auth: 'sso' },
        handler: (request, h) => {
          const { returnTo = '/' } = request.query;
          h.state('docs_session', { sid: request.auth.credentials.sid, user: request.auth.credentials.user });
          return h.redirect(returnTo); //@vuln CWE-601
        },
      },
      {
        method: 'GET',
        path: '/auth/switch',
        handler: (request, h) => {
          let target;
          try { target = new URL(request.query.to || '', 'https://portal.acme-internal.test'); } catch { throw Boom.badRequest('invalid target'); }
          if (target.protocol !== 'https:' || !RETURN_HOSTS.has(target.hostname)) return h.redirect('/');
          return h.redirect(target.toString()); //@safe
        },
      },
    ]);
  },
};
