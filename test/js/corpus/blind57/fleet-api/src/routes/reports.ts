import { Router } from 'express';
import fs from 'fs';
import fsp from 'fs/promises';
import path from 'path';
import ejs from 'ejs';
import yaml from 'js-yaml';
import { config } from '../config';
import { pgPool, knex } from '../db';
import { requireAuth, requireRole, AuthedRequest } from '../middleware/auth';
import { escapeHtml, checksum } from '../lib/util';

const router = Router();
router.use(requireAuth);

const reportsRoot = path.resolve(config.reportsDir);

router.get('/download', (req: AuthedRequest, res) => {
  const file = String(req.query.file ?? '');
  res.sendFile(path.join(config.reportsDir, String(req.user!.tenantId), file));  //@vuln CWE-22
});

router.get('/files/:name', (req: AuthedRequest, res, next) => {
  res.sendFile(req.params.name, { root: path.join(reportsRoot, String(req.user!.tenantId)), dotfiles: 'deny' }, (err) => err && next(err));  //@safe
});

router.get('/archive/:period', (req: AuthedRequest, res) => {
  const { period } = req.params;
  const { name } = req.query as { name: string };
  res.setHeader('Content-Type', 'application/zip');
  fs.createReadStream(`${config.reportsDir}/archive/${period}/${name}.zip`).on('error', () => res.status(404).end()).pipe(res);  //@vuln CWE-22
});

router.get('/exports/:file', async (req: AuthedRequest, res, next) => {
  const tenantRoot = path.join(reportsRoot, String(req.user!.tenantId));
  const target = path.resolve(tenantRoot, req.params.file);
  if (!target.startsWith(tenantRoot + path.sep)) {
    return res.status(400).json({ error: 'bad_path' });
  }
  try {
    const data = await fsp.readFile(target);  //@safe
    res.setHeader('ETag', checksum(data));
    return res.type(path.extname(target)).send(data);
  } catch (err) {
    return next(err);
  }
});

router.get('/summary', async (req: AuthedRequest, res, next) => {
  const depot = String(req.query.depot ?? '');
  try {
    const { rows } = await pgPool.query('SELECT count(*)::int AS active FROM vehicles v JOIN depots d ON d.id = v.depot_id WHERE v.tenant_id = $1 AND d.code = $2 AND v.status = $3', [req.user!.tenantId, depot, 'active']);
    const html = `<html><body><h2>Depot ${depot}</h2><p>${rows[0].active} active vehicles</p></body></html>`;
    res.send(html);  //@vuln CWE-79
  } catch (err) {
    next(err);
  }
});

router.get('/summary/print', async (req: AuthedRequest, res, next) => {
  const { title = 'Daily summary', depot = '' } = req.query as Record<string, string>;
  try {
    const rows = await knex('daily_summaries').where({ tenant_id: req.user!.tenantId, depot_code: depot }).orderBy('day', 'desc').limit(31);
    const body = rows.map((r) => `<tr><td>${escapeHtml(r.day)}</td><td>${escapeHtml(r.distance_km)}</td></tr>`).join('');
    res.type('html').send(`<h1>${escapeHtml(title)}</h1><h3>${escapeHtml(depot)}</h3><table>${body}</table>`);  //@safe
  } catch (err) {
    next(err);
  }
});

router.get('/daily', async (req: AuthedRequest, res, next) => {
  try {
    const rows = await knex('daily_summaries').where({ tenant_id: req.user!.tenantId }).orderBy('day', 'desc').limit(7);
    const html = await ejs.renderFile(path.join(config.templatesDir, 'daily.ejs'), { rows, depot: req.query.depot });  //@safe
    res.type('html').send(html);
  } catch (err) {
    next(err);
  }
});

// Customers on the Enterprise plan can design their own report layout in the dashboard
router.post('/custom/preview', requireRole('admin', 'dispatcher'), async (req: AuthedRequest, res, next) => {
  const { layout, depot } = req.body as { layout: string; depot: string };
  try {
    const rows = await knex('daily_summaries').where({ tenant_id: req.user!.tenantId, depot_code: depot }).limit(31);
    const html = ejs.render(layout, { rows, depot, generatedAt: new Date() });  //@vuln CWE-1336
    res.type('html').send(html);
  } catch (err) {
    next(err);
  }
});

interface ScheduleDefinition {
  name: string;
  cron: string;
  recipients: string[];
  report: string;
}

router.post('/schedules', requireRole('admin'), async (req: AuthedRequest, res, next) => {
  try {
    const definition = yaml.load(String(req.body), { schema: yaml.DEFAULT_FULL_SCHEMA }) as ScheduleDefinition;  //@vuln CWE-502
    if (!definition?.name || !definition.cron) {
      return res.status(400).json({ error: 'name_and_cron_required' });
    }
    const [row] = await knex('report_schedules').insert({ tenant_id: req.user!.tenantId, name: definition.name, cron: definition.cron, recipients: JSON.stringify(definition.recipients ?? []), report: definition.report }).returning('id');
    return res.status(201).json(row);
  } catch (err) {
    return next(err);
  }
});

export default router;
