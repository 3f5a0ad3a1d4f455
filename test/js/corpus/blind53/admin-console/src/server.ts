import express, { Request, Response } from 'express';
import session from 'express-session';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import errorhandler from 'errorhandler';
import nunjucks from 'nunjucks';
import path from 'path';
import axios from 'axios';
import serialize from 'node-serialize';
import { exec, execFile } from 'child_process';
import { MongoClient } from 'mongodb';
import { authRouter, requireAdmin, pool } from './auth';
import { deepMerge, escapeHtml, safeRedirectPath, setPath } from '@hireloop/shared/util';
import { directory } from '../../directory-sync/src/ldapSync';
import { payroll } from '../../directory-sync/src/payrollExport';

const LOG_DIR = process.env.LOG_DIR || '/var/log/hireloop';
const BACKUP_DIR = process.env.BACKUP_DIR || '/srv/backups';
const EMAIL_TEMPLATES = new Set(['interview-invite', 'rejection', 'offer-sent', 'reference-request']);
const mongo = new MongoClient(process.env.MONGO_URL || 'mongodb://localhost:27017');

// Express 5 (async errors propagate to errorhandler below).
const app = express();
const env = nunjucks.configure(path.join(__dirname, '..', 'views'), { autoescape: true });
env.express(app);

app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(cookieParser());
app.use(express.json({ limit: '1mb' }));
app.use(session({
  name: 'hl.admin',
  secret: process.env.SESSION_SECRET as string,
  resave: false,
  saveUninitialized: false,
  cookie: { secure: false, httpOnly: true, maxAge: 8 * 3600 * 1000 }, //@vuln CWE-614
}));

app.use('/auth', authRouter);
app.use('/admin', requireAdmin);
app.use('/admin/directory', directory);
app.use('/admin/payroll', payroll);

app.get('/admin/users', async (req: Request, res: Response) => {
  const q = String(req.query.q || '');
  const { rows } = await pool.query(`SELECT id, email, roles, last_login_at FROM admins WHERE email LIKE '%${q}%' ORDER BY email LIMIT 100`); //@vuln CWE-89
  res.json(rows);
});

app.delete('/admin/users/:id', async (req: Request, res: Response) => {
  await pool.query('UPDATE admins SET disabled = true WHERE id = $1', [req.params.id]); //@safe
  res.status(204).end();
});

app.post('/admin/audit/search', async (req: Request, res: Response) => {
  const events = await mongo.db('audit').collection('events').find(req.body.filter || {}).sort({ at: -1 }).limit(200).toArray(); //@vuln CWE-943
  res.json(events);
});

app.get('/admin/candidates/:id/notes', async (req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT author, body, created_at FROM candidate_notes WHERE application_id = $1 ORDER BY created_at', [req.params.id]);
  res.send(`<section class="notes">${rows.map((n) => `<article><h4>${escapeHtml(n.author)}</h4><div>${n.body}</div></article>`).join('')}</section>`); //@vuln CWE-79
});

app.put('/admin/settings', async (req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT data FROM org_settings WHERE id = 1');
  const merged = deepMerge(rows[0]?.data || {}, req.body);
  await pool.query('UPDATE org_settings SET data = $1 WHERE id = 1', [merged]);
  res.json(merged);
});

app.patch('/admin/settings/:path', async (req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT data FROM org_settings WHERE id = 1');
  const data = rows[0]?.data || {};
  setPath(data, req.params.path, req.body.value);
  await pool.query('UPDATE org_settings SET data = $1 WHERE id = 1', [data]);
  res.json(data);
});

const SAMPLE_CONTEXT = { candidate: { name: 'Alex Example' }, job: { title: 'Backend Engineer' }, when: 'Tue 10:00 CET' };

app.post('/admin/email-templates/preview', (req: Request, res: Response) => {
  res.send(nunjucks.renderString(req.body.source, SAMPLE_CONTEXT)); //@vuln CWE-1336
});

app.get('/admin/email-templates/:name', (req: Request, res: Response) => {
  if (!EMAIL_TEMPLATES.has(req.params.name)) return res.status(404).end();
  res.send(env.render(`emails/${req.params.name}.njk`, SAMPLE_CONTEXT)); //@safe
});

// Ad-hoc report: an expression evaluated per row, e.g. "rows.filter(r => r.stage === 'offer').length"
app.post('/admin/reports/run', async (req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT id, job_id, stage, source, created_at FROM applications_report_v');
  const result = eval(`(function (rows) { return ${req.body.expression}; })`)(rows); //@vuln CWE-95
  res.json({ result });
});

// Dashboard layout is kept client-side in a cookie between sessions.
app.get('/admin/dashboard', (req: Request, res: Response) => {
  const layout = req.cookies.hl_layout ? serialize.unserialize(Buffer.from(req.cookies.hl_layout, 'base64').toString()) : { widgets: ['pipeline', 'time-to-hire'] }; //@vuln CWE-502
  res.render('dashboard.njk', { layout, admin: req.session.admin });
});

app.get('/admin/impersonate/:userId', async (req: Request, res: Response) => {
  await pool.query('INSERT INTO admin_audit (admin_id, action, target) VALUES ($1, $2, $3)', [req.session.admin!.sub, 'impersonate', req.params.userId]);
  res.redirect(String(req.query.next || 'https://app.hireloop.io/')); //@vuln CWE-601
});

app.get('/admin/logout', (req: Request, res: Response) => {
  const next = safeRedirectPath(req.query.next, '/auth/login');
  req.session.destroy(() => res.redirect(next)); //@safe
});

app.post('/admin/maintenance/backup-table', (req: Request, res: Response) => {
  const table = req.body.table;
  const out = path.join(BACKUP_DIR, `${Date.now()}-${table}.sql`);
  exec(`pg_dump --data-only -t ${table} -f ${out} "$ADMIN_DATABASE_URL"`, (err) => (err ? res.status(500).json({ error: err.message }) : res.json({ file: path.basename(out) }))); //@vuln CWE-78
});

app.get('/admin/diagnostics/ping', (req: Request, res: Response) => {
  const host = String(req.query.host || '');
  if (!/^[a-z0-9.-]{1,253}$/i.test(host) || host.startsWith('-')) return res.status(400).json({ error: 'invalid host' });
  execFile('ping', ['-c', '2', '-W', '2', host], (err, stdout) => res.type('text/plain').send(err ? 'unreachable' : stdout)); //@safe
});

app.post('/admin/webhooks/test', async (req: Request, res: Response) => {
  try {
    const resp = await axios.post(req.body.url, { type: 'test', at: new Date().toISOString() }, { timeout: 5000 }); //@vuln CWE-918
    res.json({ status: resp.status, body: String(resp.data).slice(0, 2000) });
  } catch (err: any) {
    res.json({ error: err.message });
  }
});

app.get('/admin/logs/download', (req: Request, res: Response) => {
  res.sendFile(path.join(LOG_DIR, String(req.query.file))); //@vuln CWE-22
});

app.get('/admin/logs/view', (req: Request, res: Response) => {
  res.sendFile(String(req.query.file), { root: LOG_DIR, dotfiles: 'deny' }); //@safe
});

app.use(errorhandler()); //@vuln CWE-489|CWE-215

mongo.connect().then(() => app.listen(Number(process.env.PORT || 4300)));
