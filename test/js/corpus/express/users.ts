import express, { Request, Response } from 'express';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import path from 'path';
import escapeHtml from 'escape-html';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

interface UserRow {
  id: number;
  name: string;
}

router.get('/users/search', async (req: Request, res: Response) => {
  const name = req.query.name as string;
  const sql = `SELECT id, name FROM users WHERE name LIKE '%${name}%'`;
  const { rows } = await pool.query<UserRow>(sql); //@vuln CWE-89
  res.json(rows);
});

router.get('/users/by-email', async (req: Request, res: Response) => {
  const { email } = req.query;
  const { rows } = await pool.query('SELECT id, name FROM users WHERE email = $1', [email]); //@safe
  res.json(rows);
});

router.get('/users/:id', async (req, res) => {
  const conn = await mysql.createConnection({ host: 'db', user: 'app', database: 'shop' });
  const [rows] = await conn.query('SELECT * FROM users WHERE id = ' + req.params.id); //@vuln CWE-89
  const [orders] = await conn.execute('SELECT * FROM orders WHERE user_id = ?', [req.params.id]); //@safe
  res.json({ user: rows, orders });
});

router.get('/users/sorted', async (req, res) => {
  const column = req.query.sort;
  const order = req.query.dir === 'desc' ? 'DESC' : 'ASC';
  const result = await pool.query(`SELECT * FROM users ORDER BY ${column} ${order}`); //@vuln CWE-89
  res.json(result.rows);
});

router.get('/greet', (req: Request, res: Response) => {
  const who = req.query.who;
  res.send(`<h1>Hello ${who}</h1>`); //@vuln CWE-79
});

router.get('/greet-safe', (req: Request, res: Response) => {
  const who = String(req.query.who ?? 'guest');
  res.send(`<h1>Hello ${escapeHtml(who)}</h1>`); //@safe
});

router.get('/profile', async (req: Request, res: Response) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.session?.userId]);
  res.render('profile', { user: rows[0], tab: req.query.tab }); //@safe
});

router.get('/search', (req, res) => {
  const q = req.query.q as string;
  res.write('<p>Results for ' + q + '</p>'); //@vuln CWE-79
  res.end();
});

router.get('/login', (req: Request, res: Response) => {
  const next = req.query.next as string;
  res.redirect(next); //@vuln CWE-601
});

const ALLOWED_REDIRECTS = ['/dashboard', '/settings', '/orders'];

router.get('/login-safe', (req: Request, res: Response) => {
  const next = String(req.query.next);
  if (!ALLOWED_REDIRECTS.includes(next)) {
    return res.redirect('/dashboard');
  }
  res.redirect(next); //@safe
});

router.get('/goto', (req, res) => {
  res.redirect(`/products/${encodeURIComponent(req.query.id as string)}`); //@safe
});

const PUBLIC_DIR = path.join(__dirname, 'public');

router.get('/files/:name', (req: Request, res: Response) => {
  const file = path.join(PUBLIC_DIR, req.params.name);
  res.sendFile(file); //@vuln CWE-22
});

router.get('/files-safe/:name', (req: Request, res: Response) => {
  const file = path.resolve(PUBLIC_DIR, req.params.name);
  if (!file.startsWith(PUBLIC_DIR + path.sep)) {
    return res.status(403).send('forbidden');
  }
  res.sendFile(file); //@safe
});

router.get('/assets/:name', (req, res) => {
  res.sendFile(req.params.name, { root: PUBLIC_DIR }); //@safe
});

router.get('/export/:report', (req, res) => {
  res.download(path.join(__dirname, 'reports', req.params.report)); //@vuln CWE-22
});

export default router;
