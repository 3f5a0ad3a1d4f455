// Clinic appointment booking routes (Express + pg + mysql2)
import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import escapeHtml from 'escape-html';

const router = express.Router();
const pg = new Pool({ connectionString: process.env.DATABASE_URL });
const legacy = mysql.createPool({ host: process.env.LEGACY_DB_HOST, user: 'clinic_ro', password: process.env.LEGACY_DB_PASSWORD, database: 'clinic' });

const ALLOWED_ORIGINS = new Set(['https://clinic.example.com', 'https://admin.clinic.example.com']);
const SAFE_RETURN_PATHS = ['/appointments', '/profile', '/billing'];

interface SlotQuery {
  clinicId?: string;
  day?: string;
  practitioner?: string;
}

router.use(
  cors({
    origin: (origin, cb) => cb(null, !origin || ALLOWED_ORIGINS.has(origin)),
    credentials: true,
  })
);

router.use('/partner', (req, res, next) => reflectCors(req, res, next));

export function reflectCors(req: Request, res: Response, next: NextFunction) {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*'); //@vuln CWE-942
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
}

router.get('/slots', async (req: Request<{}, {}, {}, SlotQuery>, res: Response) => {
  const { clinicId = '', day = '' } = req.query;
  const sql = `SELECT id, starts_at, practitioner FROM slots WHERE clinic_id = '${clinicId}' AND day = '${day}' AND booked = false`;
  const { rows } = await pg.query(sql); //@vuln CWE-89
  res.json(rows);
});

router.get('/slots/free', async (req: Request<{}, {}, {}, SlotQuery>, res: Response) => {
  const { clinicId, day } = req.query;
  const { rows } = await pg.query('SELECT id, starts_at, practitioner FROM slots WHERE clinic_id = $1 AND day = $2 AND booked = false', [clinicId, day]); //@safe
  res.json(rows);
});

router.get('/practitioners', async (req, res) => {
  const specialty = String(req.query.specialty || '');
  const [rows] = await legacy.query("SELECT id, name FROM practitioners WHERE specialty = '" + specialty + "'"); //@vuln CWE-89
  res.json(rows);
});

router.get('/practitioners/by-name', async (req, res) => {
  const name = String(req.query.name || '');
  const [rows] = await legacy.execute('SELECT id, name FROM practitioners WHERE name LIKE ?', [`%${name}%`]); //@safe
  res.json(rows);
});

router.get('/confirm', (req, res) => {
  const patient = req.query.patient as string;
  res.send(`<h1>Thanks ${patient}, your appointment is booked.</h1>`); //@vuln CWE-79
});

router.get('/confirm-safe', (req, res) => {
  const patient = escapeHtml(String(req.query.patient || ''));
  res.send(`<h1>Thanks ${patient}, your appointment is booked.</h1>`); //@safe
});

router.get('/reminder-preview', (req, res) => {
  const note = String(req.query.note || '');
  res.write('<div class="reminder">' + note + '</div>'); //@vuln CWE-79
  res.end();
});

router.post('/login/done', (req, res) => {
  const next = req.body.returnTo;
  res.redirect(next); //@vuln CWE-601
});

router.post('/logout/done', (req, res) => {
  const next = String(req.body.returnTo || '');
  const target = SAFE_RETURN_PATHS.includes(next) ? next : '/appointments';
  res.redirect(target); //@safe
});

router.post('/session', async (req, res) => {
  const token = await issueSession(req.body.patientId);
  res.cookie('clinic_sid', token, { maxAge: 3600_000 }); //@vuln CWE-614|CWE-1004
  res.json({ ok: true });
});

router.post('/session/v2', async (req, res) => {
  const token = await issueSession(req.body.patientId);
  res.cookie('clinic_sid', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 3600_000 }); //@safe
  res.json({ ok: true });
});

router.delete('/appointments/:id', async (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  if (!Number.isInteger(id)) return res.status(400).end();
  await pg.query(`DELETE FROM appointments WHERE id = ${id} AND patient_id = $1`, [req.user?.id]); //@safe
  res.status(204).end();
});

router.patch('/appointments/:id/notes', async (req, res) => {
  await pg.query(`UPDATE appointments SET notes = '${req.body.notes}' WHERE id = $1`, [req.params.id]); //@vuln CWE-89
  res.status(204).end();
});

async function issueSession(patientId: string): Promise<string> {
  const { rows } = await pg.query('INSERT INTO sessions(patient_id) VALUES ($1) RETURNING token', [patientId]);
  return rows[0].token;
}

export default router;
