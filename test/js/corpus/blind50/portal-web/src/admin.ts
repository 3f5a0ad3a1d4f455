import { exec } from 'child_process';
import vm from 'vm';
import express, { Router } from 'express';
import ldap from 'ldapjs';
import yaml from 'js-yaml';
import libxmljs from 'libxmljs2';
import pug from 'pug';
import { pgPool } from '../../common/src/db';
import { escapeHtml, layout } from '../../common/src/util';
import { audit } from '../../common/src/audit';

const router = Router();
const pool = pgPool('portal');
const EXPORT_DIR = process.env.REPORT_EXPORT_DIR || '/var/exports/reports';
const STAFF_BASE = 'ou=Staff,dc=clinic,dc=local';

const ldapClient = ldap.createClient({ url: process.env.LDAP_URL || 'ldaps://dc01.clinic.local:636', tlsOptions: { ca: process.env.LDAP_CA } });
ldapClient.bind(process.env.LDAP_BIND_DN as string, process.env.LDAP_BIND_PW as string, (err) => err && console.error('[admin] ldap bind failed', err.message));

const GROUPINGS: Record<string, string> = { clinic: 'c.name', provider: "pr.family_name || ', ' || pr.given_name", month: "to_char(a.start_time, 'YYYY-MM')", status: 'a.status' };

function table(headers: string[], rows: unknown[][]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table class="report"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

router.get('/reports/appointments', async (req, res) => {
  const groupBy = String(req.query.groupBy || 'clinic');
  const expr = Object.hasOwn(GROUPINGS, groupBy) ? GROUPINGS[groupBy] : GROUPINGS.clinic;
  const from = String(req.query.from || '1970-01-01');
  const to = String(req.query.to || '2999-12-31');
  const { rows } = await pool.query(`SELECT ${expr} AS bucket, count(*) AS n FROM appointment a JOIN clinic c ON c.id = a.clinic_id JOIN practitioner pr ON pr.id = a.practitioner_id WHERE a.start_time >= $1 AND a.start_time < $2 GROUP BY 1 ORDER BY 2 DESC`, [from, to]); //@safe
  res.send(layout('Appointments', table([groupBy, 'count'], rows.map((r) => [r.bucket, r.n]))));
});

router.get('/reports/no-shows', async (req, res) => {
  const { from, to, clinic } = req.query as Record<string, string>;
  let sql = `SELECT p.mrn, p.family_name, p.given_name, a.start_time, a.notes FROM appointment a JOIN patient p ON p.id = a.patient_id WHERE a.status = 'noshow' AND a.start_time >= '${from}' AND a.start_time < '${to}'`;
  if (clinic) sql += ` AND a.clinic_id = ${clinic}`;
  const { rows } = await pool.query(sql + ' ORDER BY a.start_time'); //@vuln CWE-89
  const trs = rows.map((r) => `<tr><td>${escapeHtml(r.mrn)}</td><td>${escapeHtml(r.family_name)}, ${escapeHtml(r.given_name)}</td><td>${r.start_time.toISOString()}</td><td>${r.notes || ''}</td></tr>`);
  res.send(layout('No-shows', `<table class="report"><tbody>${trs.join('')}</tbody></table>`)); //@vuln CWE-79
});

router.post('/reports/export', (req, res) => {
  const name = String(req.body.name || 'monthly-visits');
  const out = `${EXPORT_DIR}/${name}-${Date.now()}.csv`;
  exec(`psql "$REPORTS_DATABASE_URL" -c "\\copy (SELECT * FROM v_monthly_visits) TO '${out}' CSV HEADER"`, (err) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: 'export failed' });
    audit({ actor: (req.session as any).user.id, action: 'report.export', entity: 'report', entityId: name }).catch(() => undefined);
    res.json({ file: out });
  });
});

// Custom KPI tiles: admins type a formula such as "noShows / visits * 100".
router.post('/reports/kpi', async (req, res) => {
  const { rows } = await pool.query("SELECT count(*) FILTER (WHERE status = 'fulfilled') AS visits, count(*) FILTER (WHERE status = 'noshow') AS no_shows, count(*) FILTER (WHERE status = 'cancelled') AS cancellations FROM appointment WHERE start_time > now() - interval '30 days'");
  const stats = { visits: Number(rows[0].visits), noShows: Number(rows[0].no_shows), cancellations: Number(rows[0].cancellations) };
  const value = vm.runInNewContext(String(req.body.formula), stats, { timeout: 50 }); //@vuln CWE-94
  res.json({ value });
});

// Letterhead for printed reports, editable per clinic (pug snippet).
router.post('/reports/letterhead/preview', (req, res) => {
  const html = pug.render(String(req.body.letterhead || 'h1= clinic'), { clinic: req.body.clinicName || 'Clinic' }); //@vuln CWE-1336
  res.send(layout('Letterhead', html));
});

router.get('/staff/search', (req, res) => {
  const q = String(req.query.q || '');
  const found: unknown[] = [];
  ldapClient.search(STAFF_BASE, { scope: 'sub', filter: `(&(objectClass=person)(|(uid=${q}*)(mail=${q}*)(cn=*${q}*)))`, attributes: ['uid', 'cn', 'mail', 'title'] }, (err, search) => { //@vuln CWE-90
    if (err) return res.status(500).json({ error: err.message });
    search.on('searchEntry', (e) => found.push(e.pojo));
    search.on('end', () => res.json(found));
    search.on('error', (e) => res.status(500).json({ error: e.message }));
  });
});

router.get('/staff/:uid', (req, res) => {
  const filter = new ldap.AndFilter({ filters: [new ldap.EqualityFilter({ attribute: 'objectClass', value: 'person' }), new ldap.EqualityFilter({ attribute: 'uid', value: req.params.uid })] });
  ldapClient.search(STAFF_BASE, { scope: 'sub', filter, attributes: ['uid', 'cn', 'mail', 'title', 'telephoneNumber'] }, (err, search) => { //@safe
    if (err) return res.status(500).json({ error: err.message });
    let entry: unknown = null;
    search.on('searchEntry', (e) => { entry = e.pojo; });
    search.on('end', () => (entry ? res.json(entry) : res.sendStatus(404)));
  });
});

// Intake questionnaire definitions are maintained as YAML by the clinical content team.
router.post('/forms/import', express.text({ type: ['application/x-yaml', 'text/yaml'], limit: '512kb' }), async (req, res) => {
  const def = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }) as any; //@vuln CWE-502
  await pool.query('INSERT INTO intake_form (slug, title, definition, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, definition = EXCLUDED.definition, updated_at = now()', [def.slug, def.title, JSON.stringify(def)]);
  res.json({ imported: def.slug });
});

// C-CDA documents from referring practices (uploaded by HIM staff).
router.post('/cda/import', express.text({ type: ['application/xml', 'text/xml'], limit: '5mb' }), async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, dtdload: true }); //@vuln CWE-611
  const ns = { hl7: 'urn:hl7-org:v3' };
  const mrn = doc.get('//hl7:recordTarget/hl7:patientRole/hl7:id/@extension', ns)?.value();
  const title = doc.get('//hl7:title', ns)?.text();
  await pool.query('INSERT INTO external_document (mrn, title, xml, received_at) VALUES ($1, $2, $3, now())', [mrn, title, req.body]);
  res.status(201).json({ mrn, title });
});

export default router;
