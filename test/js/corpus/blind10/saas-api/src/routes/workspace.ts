import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import multer from 'multer';
import path from 'path';
import fs from 'fs/promises';
import crypto from 'crypto';
import jwt from 'jsonwebtoken';
import nodemailer from 'nodemailer';
import axios from 'axios';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const UPLOAD_ROOT = process.env.UPLOAD_ROOT ?? '/var/lib/workspace/uploads';
const JWT_SECRET = process.env.JWT_SECRET as string;
const MEMBER_SORT_COLUMNS = new Set(['created_at', 'email', 'name', 'last_seen_at']);

interface AuthedRequest extends Request {
  user?: { id: string; orgId: string; role: string };
}

const transactionalMailer = nodemailer.createTransport({
  host: 'smtp.mailgun.org',
  port: 587,
  auth: { user: 'postmaster@mg.workspace-demo.io', pass: 'fake-mg-smtp-pass-7f3a9c21e0' }, //@vuln CWE-798
});

const billingMailer = nodemailer.createTransport({
  host: process.env.BILLING_SMTP_HOST,
  port: 465,
  secure: true,
  auth: { user: process.env.BILLING_SMTP_USER, pass: process.env.BILLING_SMTP_PASS }, //@safe
});

export const router = express.Router();
export const publicRouter = express.Router();

router.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
publicRouter.use(cors({ origin: ['https://app.workspace-demo.io', 'https://admin.workspace-demo.io'], credentials: true })); //@safe

function requireAuth(req: AuthedRequest, res: Response, next: NextFunction) {
  if (req.user) return next();
  const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  try {
    req.user = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] }) as AuthedRequest['user']; //@safe
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

function supportContext(req: AuthedRequest, _res: Response, next: NextFunction) {
  const supportSession = req.get('x-support-session');
  if (supportSession) {
    const claims = jwt.decode(supportSession) as { sub: string; orgId: string; role: string } | null; //@vuln CWE-347
    if (claims && claims.role === 'support') {
      req.user = { id: claims.sub, orgId: claims.orgId, role: 'support' };
    }
  }
  next();
}
router.use(supportContext);

const upload = multer({
  storage: multer.diskStorage({
    destination: path.join(UPLOAD_ROOT, '_incoming'),
    filename: (_req, file, cb) => cb(null, `${crypto.randomUUID()}${path.extname(file.originalname).toLowerCase()}`),
  }),
  limits: { fileSize: 25 * 1024 * 1024 },
});

router.post('/files', requireAuth, upload.single('file'), async (req: AuthedRequest, res) => {
  if (!req.file) return res.status(400).json({ error: 'file required' });
  const folder = typeof req.body.folder === 'string' ? req.body.folder : '';
  const target = path.join(UPLOAD_ROOT, req.user!.orgId, folder, req.file.originalname);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.rename(req.file.path, target); //@vuln CWE-22
  const relPath = path.relative(UPLOAD_ROOT, target);
  await pool.query('INSERT INTO files (org_id, path, size, uploaded_by) VALUES ($1, $2, $3, $4)', [req.user!.orgId, relPath, req.file.size, req.user!.id]); //@safe
  res.status(201).json({ path: path.relative(path.join(UPLOAD_ROOT, req.user!.orgId), target) });
});

router.get('/files/:name', requireAuth, async (req: AuthedRequest, res) => {
  const orgDir = path.resolve(UPLOAD_ROOT, req.user!.orgId);
  const filePath = path.resolve(orgDir, path.basename(req.params.name));
  if (!filePath.startsWith(orgDir + path.sep)) return res.status(400).end();
  const stat = await fs.stat(filePath).catch(() => null);
  if (!stat) return res.status(404).end();
  const etag = crypto.createHash('md5').update(`${stat.size}:${stat.mtimeMs}`).digest('hex'); //@safe
  res.setHeader('ETag', `"${etag}"`);
  res.sendFile(filePath); //@safe
});

router.get('/members', requireAuth, async (req: AuthedRequest, res) => {
  const sort = String(req.query.sort ?? 'created_at');
  const direction = req.query.dir === 'asc' ? 'ASC' : 'DESC';
  const search = String(req.query.q ?? '');
  const sql = `SELECT id, email, name, role FROM members WHERE org_id = $1 AND email ILIKE $2 ORDER BY ${sort} ${direction} LIMIT 200`;
  const { rows } = await pool.query(sql, [req.user!.orgId, `%${search}%`]); //@vuln CWE-89
  res.json(rows);
});

router.get('/members/export', requireAuth, async (req: AuthedRequest, res) => {
  const requested = String(req.query.sort ?? '');
  const column = MEMBER_SORT_COLUMNS.has(requested) ? requested : 'created_at';
  const { rows } = await pool.query(`SELECT email, name, role FROM members WHERE org_id = $1 ORDER BY ${column}`, [req.user!.orgId]); //@safe
  res.setHeader('Content-Type', 'text/csv');
  res.send(rows.map((r) => [r.email, r.name, r.role].join(',')).join('\n'));
});

publicRouter.get('/invites/:token', async (req, res) => {
  const { rows } = await pool.query(`SELECT id, org_id, email, expires_at FROM invites WHERE token = '${req.params.token}'`); //@vuln CWE-89
  if (!rows.length) return res.status(404).json({ error: 'invite not found' });
  res.json({ email: rows[0].email, expiresAt: rows[0].expires_at });
});

publicRouter.post('/invites/:token/accept', async (req, res) => {
  const { rows } = await pool.query('SELECT id, org_id, email FROM invites WHERE token = $1 AND expires_at > now()', [req.params.token]); //@safe
  const invite = rows[0];
  if (!invite) return res.status(410).json({ error: 'invite expired' });
  const passwordHash = crypto.createHash('md5').update(String(req.body.password)).digest('hex'); //@vuln CWE-328
  const member = await pool.query(
    'INSERT INTO members (org_id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [invite.org_id, invite.email, req.body.name, passwordHash, 'member'],
  );
  const sessionId = crypto.randomBytes(32).toString('hex');
  await pool.query('INSERT INTO sessions (id, member_id) VALUES ($1, $2)', [sessionId, member.rows[0].id]);
  res.cookie('ws_session', sessionId, { httpOnly: true, secure: false, sameSite: 'lax', maxAge: 7 * 86400000 }); //@vuln CWE-614
  await transactionalMailer.sendMail({
    from: 'Workspace <no-reply@workspace-demo.io>',
    to: invite.email,
    subject: 'Welcome to Workspace',
    text: `Hi ${req.body.name}, your account is ready.`,
  });
  res.status(201).json({ ok: true });
});

router.post('/session/switch-org', requireAuth, async (req: AuthedRequest, res) => {
  const { rows } = await pool.query('SELECT 1 FROM memberships WHERE member_id = $1 AND org_id = $2', [req.user!.id, req.body.orgId]);
  if (!rows.length) return res.status(403).end();
  const token = jwt.sign({ sub: req.user!.id, orgId: req.body.orgId, role: req.user!.role }, JWT_SECRET, { expiresIn: '8h' });
  res.cookie('ws_token', token, { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
  await billingMailer.sendMail({ to: 'billing-events@workspace-demo.io', subject: 'org switch', text: `${req.user!.id} -> ${req.body.orgId}` });
  res.json({ ok: true });
});

router.post('/webhooks/test', requireAuth, async (req: AuthedRequest, res) => {
  const { url, event } = req.body as { url: string; event: string };
  try {
    const result = await axios.post(url, { event, test: true, orgId: req.user!.orgId }, { timeout: 5000 }); //@vuln CWE-918
    res.json({ status: result.status, body: result.data });
  } catch (err: any) {
    res.status(502).json({ error: err.message });
  }
});

router.post('/feedback', requireAuth, async (req: AuthedRequest, res) => {
  const text = `Feedback from ${req.user!.id}: ${String(req.body.message).slice(0, 2000)}`;
  await axios.post(process.env.SLACK_FEEDBACK_WEBHOOK as string, { text }, { timeout: 5000 }); //@safe
  res.status(202).end();
});
