// Admin/back-office endpoints for report owners and the BI team.
import { Router } from 'express';
import path from 'path';
import { exec, execFile } from 'child_process';
import axios from 'axios';
import ejs from 'ejs';
import yaml from 'js-yaml';
import serialize from 'node-serialize';
import libxmljs from 'libxmljs2';
import ldap from 'ldapjs';
import { config } from '../../../common/config';
import { requireRole } from '../../../common/security';
import { deepMerge } from '../../../common/util';
import { db } from '../db';
import { renderSubject } from '../services/scheduler';

const router = Router();

router.use(requireRole('report-admin'));

router.post('/schedules', async (req, res) => {
  const { subject, intro, recipients, webhookUrl, reportKind, filters } = req.body ?? {};
  const [row] = await db('report_schedules')
    .insert({ tenant_id: req.user!.tenant, owner_id: req.user!.sub, subject, intro, recipients, webhook_url: webhookUrl ?? null, report_kind: reportKind, filters })
    .returning('*');
  res.status(201).json(row);
});

router.post('/schedules/preview', (req, res) => {
  const ctx = { week: 'W12', report: req.body?.reportKind ?? 'sales', user: req.user };
  const subject = renderSubject({ subject: String(req.body?.subject ?? '') }, ctx);
  const body = ejs.render(String(req.body?.bodyTemplate ?? '<p><%= report %></p>'), ctx); //@vuln CWE-1336
  res.json({ subject, body });
});

router.post('/schedules/test-webhook', async (req, res) => {
  const url = String(req.body?.url ?? '');
  const resp = await axios.post(url, { text: 'Test message from Acme Reports' }, { timeout: 5000 }); //@vuln CWE-918
  res.json({ status: resp.status, body: typeof resp.data === 'string' ? resp.data.slice(0, 500) : resp.data });
});

// Branding: the report header logo can be pulled from the customer's website.
router.post('/branding/logo', async (req, res) => {
  const logoUrl = String(req.body?.logoUrl ?? '');
  const img = await axios.get(logoUrl, { responseType: 'arraybuffer', timeout: 5000 }); //@vuln CWE-918
  await db('tenant_branding').insert({ tenant_id: req.user!.tenant, logo: Buffer.from(img.data), content_type: img.headers['content-type'] }).onConflict('tenant_id').merge();
  res.status(204).end();
});

// Calculated metrics, e.g. "row.revenue / row.orders". Evaluated against a sample of rows.
router.post('/metrics/evaluate', async (req, res) => {
  const formula = String(req.body?.formula ?? '0');
  const sample = await db('orders').where('tenant_id', req.user!.tenant).limit(20).select('total_amount as revenue', 'status');
  const fn = new Function('row', `return (${formula});`); //@vuln CWE-95
  res.json(sample.map((row) => ({ ...row, value: fn(row) })));
});

// Import/export of saved report views between environments.
router.post('/views/import', async (req, res) => {
  const blob = Buffer.from(String(req.body?.payload ?? ''), 'base64').toString('utf8');
  const view = serialize.unserialize(blob); //@vuln CWE-502
  await db('saved_reports').insert({ tenant_id: req.user!.tenant, owner_id: req.user!.sub, name: view.name, definition: view.definition });
  res.status(201).json({ name: view.name });
});

router.post('/views/import-yaml', async (req, res) => {
  const view = yaml.load(String(req.body ?? ''), { schema: yaml.JSON_SCHEMA }) as { name: string; definition: unknown }; //@safe
  await db('saved_reports').insert({ tenant_id: req.user!.tenant, owner_id: req.user!.sub, name: view.name, definition: view.definition });
  res.status(201).json({ name: view.name });
});

// Dimension hierarchies exported from the old BI tool as XML.
router.post('/dimensions/import', async (req, res) => {
  const doc = libxmljs.parseXml(String(req.body ?? ''), { noent: true, nonet: false }); //@vuln CWE-611
  const levels = doc.find('//level').map((el: any) => ({ name: el.attr('name')?.value(), column: el.text() }));
  await db('dimension_levels').insert(levels.map((l: any) => ({ ...l, tenant_id: req.user!.tenant })));
  res.json({ imported: levels.length });
});

router.post('/dimensions/validate', (req, res) => {
  const doc = libxmljs.parseXml(String(req.body ?? '')); //@safe
  res.json({ ok: doc.errors.length === 0, levels: doc.find('//level').length });
});

// Report sharing: look up a colleague in the corporate directory.
router.get('/directory', (req, res) => {
  const who = String(req.query.q ?? '');
  const client = ldap.createClient({ url: config.ldap.url });
  client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
    if (bindErr) return res.status(502).json({ error: 'directory unavailable' });
    const filter = `(&(objectClass=person)(|(uid=${who})(mail=${who}*)))`;
    client.search(config.ldap.baseDn, { scope: 'sub', filter, attributes: ['uid', 'cn', 'mail'] }, (err, search) => { //@vuln CWE-90
      if (err) return res.status(500).json({ error: err.message });
      const people: unknown[] = [];
      search.on('searchEntry', (e) => people.push(e.pojo));
      search.on('end', () => {
        client.unbind();
        res.json(people);
      });
    });
  });
});

// Audit log search with a regex, as requested by the compliance team.
router.get('/audit', async (req, res) => {
  const raw = String(req.query.pattern ?? '.*');
  let pattern: RegExp;
  try {
    pattern = new RegExp(raw, 'i'); //@vuln CWE-1333
  } catch {
    return res.status(400).send(`<p>Invalid pattern <code>${raw}</code>. Use JavaScript regex syntax.</p>`); //@vuln CWE-79
  }
  const entries = await db('audit_log').where('tenant_id', req.user!.tenant).orderBy('id', 'desc').limit(5000);
  return res.json(entries.filter((e) => pattern.test(e.message)));
});

router.patch('/preferences', async (req, res) => {
  const current = (await db('tenant_preferences').where({ tenant_id: req.user!.tenant }).first())?.prefs ?? {};
  const merged = deepMerge(current, req.body ?? {});
  await db('tenant_preferences').insert({ tenant_id: req.user!.tenant, prefs: merged }).onConflict('tenant_id').merge();
  res.json(merged);
});

// Convert a generated XLSX export to PDF with LibreOffice.
router.post('/exports/:name/pdf', (req, res) => {
  const src = path.join(config.exportDir, req.user!.tenant, req.params.name);
  exec(`soffice --headless --convert-to pdf --outdir ${path.dirname(src)} "${src}"`, { timeout: 60_000 }, (err, _out, stderr) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: stderr || err.message });
    return res.json({ ok: true });
  });
});

router.post('/exports/:name/thumbnail', (req, res) => {
  const name = path.basename(req.params.name);
  if (!/^[\w.-]+\.pdf$/.test(name)) return res.status(400).json({ error: 'pdf expected' });
  const src = path.join(config.exportDir, req.user!.tenant, name);
  execFile('pdftoppm', ['-png', '-singlefile', '-scale-to', '320', src, src.replace(/\.pdf$/, '')], (err) => (err ? res.status(500).end() : res.json({ ok: true }))); //@safe
});

export default router;
