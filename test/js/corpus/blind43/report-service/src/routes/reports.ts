import { Router } from 'express';
import asyncHandler from 'express-async-handler';
import fs from 'fs';
import path from 'path';
import Handlebars from 'handlebars';
import yaml from 'js-yaml';
import { config } from '../../../common/config';
import { pool } from '../../../common/db';
import { escapeHtml, requireUser, resolveInside } from '../../../common/security';
import * as pdf from '../services/pdfService';

const router = Router();
router.use(requireUser);

const TEMPLATE_NAME = /^[a-z0-9_-]{1,64}$/;
const compiled = new Map<string, HandlebarsTemplateDelegate>();

Handlebars.registerHelper('money', (v: number) => Number(v || 0).toFixed(2));
Handlebars.registerHelper('date', (v: string) => new Date(v).toISOString().slice(0, 10));

function loadTemplate(name: string): HandlebarsTemplateDelegate {
  if (!TEMPLATE_NAME.test(name)) throw Object.assign(new Error('unknown template'), { status: 400 });
  let tpl = compiled.get(name);
  if (!tpl) {
    const source = fs.readFileSync(path.join(config.templateDir, `${name}.hbs`), 'utf8'); //@safe
    tpl = Handlebars.compile(source, { strict: true }); //@safe
    compiled.set(name, tpl);
  }
  return tpl;
}

async function salesRows(tenantId: string, from: string, to: string) {
  const { rows } = await pool.query(`SELECT o.id, o.customer, o.total, o.created_at FROM orders o WHERE o.tenant_id = $1 AND o.created_at BETWEEN '${from}' AND '${to}' ORDER BY o.created_at`, [tenantId]); //@vuln CWE-89
  return rows;
}

router.post('/pdf', asyncHandler(async (req, res) => {
  const rows = await salesRows(req.user!.tenantId, String(req.body.from), String(req.body.to));
  const html = loadTemplate(String(req.body.template || 'sales'))({ rows, title: req.body.title, prefs: res.locals.prefs });
  const out = req.body.engine === 'legacy' ? await pdf.legacyPdf(html, String(req.body.title || 'Report')) : await pdf.htmlToPdf(html);
  res.type('application/pdf').send(out);
}));

// Power users paste their own Handlebars layout in the report designer.
router.post('/pdf/custom', asyncHandler(async (req, res) => {
  const rows = await salesRows(req.user!.tenantId, String(req.body.from), String(req.body.to));
  const tpl = Handlebars.compile(String(req.body.template)); //@vuln CWE-1336
  res.type('application/pdf').send(await pdf.htmlToPdf(tpl({ rows, title: req.body.title })));
}));

router.get('/preview', asyncHandler(async (req, res) => {
  const rows = await salesRows(req.user!.tenantId, String(req.query.from), String(req.query.to));
  const body = loadTemplate(String(req.query.template || 'sales'))({ rows });
  res.send(`<!doctype html><html><head><title>${req.query.title || 'Preview'}</title></head><body>${body}</body></html>`); //@vuln CWE-79
}));

router.get('/partials', (req, res) => {
  const source = fs.readFileSync(path.join(config.templateDir, 'partials', `${req.query.name}.hbs`), 'utf8'); //@vuln CWE-22
  res.send(`<pre>${escapeHtml(source)}</pre>`); //@safe
});

router.post('/snapshot', asyncHandler(async (req, res) => {
  res.type('application/pdf').send(await pdf.urlToPdf(String(req.body.url)));
}));

router.get('/stored/:id/pdf', asyncHandler(async (req, res) => {
  res.type('application/pdf').send(await pdf.renderStoredReport(req.params.id));
}));

router.post('/invoice', asyncHandler(async (req, res) => {
  res.type('application/pdf').send(await pdf.invoicePdf(req.body));
}));

// Report definitions are authored as YAML in the designer (filters, columns, schedule).
router.post('/definitions', asyncHandler(async (req, res) => {
  const def = yaml.load(String(req.body.yaml), { schema: yaml.DEFAULT_FULL_SCHEMA }) as Record<string, unknown>; //@vuln CWE-502
  await pool.query('INSERT INTO report_definitions (tenant_id, name, definition) VALUES ($1, $2, $3)', [req.user!.tenantId, String(def.name), JSON.stringify(def)]);
  res.status(201).json({ name: def.name });
}));

router.get('/files/:name', (req, res) => {
  res.download(path.join(config.reportDir, req.user!.tenantId, req.params.name)); //@vuln CWE-22
});

router.get('/archive/:name', (req, res) => {
  res.download(resolveInside(path.join(config.reportDir, req.user!.tenantId, 'archive'), req.params.name)); //@safe
});

export default router;
