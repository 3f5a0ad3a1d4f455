import path from 'node:path';
import { exec, execFile } from 'node:child_process';
import { defineEndpoint } from '@directus/extensions-sdk';
import escapeHtml from 'escape-html';

const REPORT_DIR = process.env.REPORT_DIR || '/var/lib/directus/reports';
const BACKUP_DIR = process.env.REPORT_BACKUP_DIR || '/var/backups/reports';
const ARCHIVE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

function requireUser(req, res, next) {
  if (!req.accountability || !req.accountability.user) return res.status(401).json({ error: 'unauthorized' });
  return next();
}

export default defineEndpoint({
  id: 'reports',
  handler: (router, { services, database, getSchema, logger }) => {
    const { ItemsService } = services;

    router.get('/sales', requireUser, async (req, res, next) => {
      try {
        const { from, to, region = 'EU' } = req.query;
        const result = await database.raw(`SELECT date_trunc('day', o.date_created) AS day, sum(o.total) AS revenue, count(*) AS orders FROM orders o WHERE o.date_created BETWEEN ? AND ? AND o.region = '${region}' GROUP BY 1 ORDER BY 1`, [from, to]); //@vuln CWE-89
        res.json({ data: result.rows });
      } catch (err) {
        next(err);
      }
    });

    router.get('/customers/by-email', requireUser, async (req, res, next) => {
      try {
        const rows = await database.select('id', 'name', 'email', 'lifetime_value').from('customers').whereRaw('lower(email) = lower(?)', [String(req.query.email || '')]); //@safe
        res.json({ data: rows });
      } catch (err) {
        next(err);
      }
    });

    router.get('/customers/search', requireUser, async (req, res, next) => {
      try {
        const rows = await database('customers').select('id', 'name', 'email').whereRaw(`name ILIKE '%${req.query.name || ''}%'`).limit(50); //@vuln CWE-89
        res.json({ data: rows });
      } catch (err) {
        next(err);
      }
    });

    router.get('/top-products', requireUser, async (req, res, next) => {
      try {
        const limit = Math.min(parseInt(req.query.limit, 10) || 10, 100);
        const schema = await getSchema();
        const items = new ItemsService('order_items', { schema, accountability: req.accountability });
        const rows = await items.readByQuery({ aggregate: { sum: ['qty'] }, groupBy: ['product'], sort: ['-sum.qty'], limit });
        res.json({ data: rows });
      } catch (err) {
        next(err);
      }
    });

    router.get('/print/:id', requireUser, async (req, res, next) => {
      try {
        const schema = await getSchema();
        const reports = new ItemsService('saved_reports', { schema, accountability: req.accountability });
        const report = await reports.readOne(req.params.id, { fields: ['title', 'summary'] });
        const heading = req.query.heading || report.title;
        res.type('html').send(`<!doctype html><html><head><title>${escapeHtml(report.title)}</title></head><body><h1>${heading}</h1><p>${escapeHtml(report.summary || '')}</p></body></html>`); //@vuln CWE-79
      } catch (err) {
        next(err);
      }
    });

    router.get('/shared/:name', (req, res) => {
      res.type('html').send(`<!doctype html><p>The report <b>${escapeHtml(req.params.name)}</b> is no longer shared.</p>`); //@safe
    });

    router.get('/files/:name', requireUser, (req, res) => {
      res.sendFile(path.join(REPORT_DIR, req.params.name)); //@vuln CWE-22
    });

    router.get('/open', requireUser, (req, res) => {
      // "Open in Looker" button passes the dashboard URL back to us for audit logging
      logger.info(`report opened by ${req.accountability.user}: ${req.query.next}`);
      res.redirect(req.query.next); //@vuln CWE-601
    });

    router.post('/archive', requireUser, (req, res) => {
      const label = req.body.label || new Date().toISOString().slice(0, 10);
      exec(`tar -czf ${BACKUP_DIR}/${label}.tar.gz -C ${REPORT_DIR} .`, (err) => { //@vuln CWE-78
        if (err) return res.status(500).json({ error: 'archive failed' });
        res.json({ archive: `${label}.tar.gz` });
      });
    });

    router.post('/archive/v2', requireUser, (req, res) => {
      const label = String(req.body.label || '');
      if (!ARCHIVE_NAME.test(label)) return res.status(400).json({ error: 'invalid label' });
      execFile('tar', ['-czf', path.join(BACKUP_DIR, `${label}.tar.gz`), '-C', REPORT_DIR, '.'], (err) => { //@safe
        if (err) return res.status(500).json({ error: 'archive failed' });
        res.json({ archive: `${label}.tar.gz` });
      });
    });
  },
});
