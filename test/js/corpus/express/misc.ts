import express from 'express';
import http from 'http';
import * as cp from 'child_process';
import { readFile } from 'fs/promises';
import { join } from 'path';
import sanitizeHtml from 'sanitize-html';
import { Sequelize, QueryTypes } from 'sequelize';
import axios from 'axios';
import crypto from 'crypto';

const sequelize = new Sequelize(process.env.DB!);
const app = express();

class UserService {
  constructor(private readonly db: Sequelize) {}

  async byName(name: string) {
    return this.db.query(`SELECT * FROM users WHERE name = '${name}'`, { type: QueryTypes.SELECT }); //@vuln CWE-89
  }

  async byNameSafe(name: string) {
    return this.db.query('SELECT * FROM users WHERE name = :name', { replacements: { name }, type: QueryTypes.SELECT }); //@safe
  }
}

const users = new UserService(sequelize);

app.get('/u', async (req, res) => {
  res.json(await users.byName(req.query.name as string));
});

app.get('/u2', async (req, res) => {
  res.json(await users.byNameSafe(req.query.name as string));
});

app.get('/proxy', (req, res) => {
  const target = req.query.target as string;
  http.get(target, (r) => r.pipe(res)); //@vuln CWE-918
});

app.get('/convert', (req, res) => {
  const { input, format } = req.query as Record<string, string>;
  cp.exec(`convert ${input} out.${format}`, (err) => res.sendStatus(err ? 500 : 200)); //@vuln CWE-78
  cp.execFile('convert', [input, `out.${format}`], (err) => undefined); //@safe
});

app.get('/doc/:name', async (req, res) => {
  const content = await readFile(join(__dirname, 'docs', req.params.name), 'utf8'); //@vuln CWE-22
  res.type('text/plain').send(content);
});

app.post('/comment', (req, res) => {
  const clean = sanitizeHtml(req.body.comment);
  res.send(`<div class="comment">${clean}</div>`); //@safe
});

app.post('/hook', async (req, res) => {
  const { data } = await axios.post(req.body.callback, { ok: true }); //@vuln CWE-918
  res.json(data);
});

app.get('/status', async (req, res) => {
  const { data } = await axios.get('https://status.example.com/api/v2/summary.json'); //@safe
  res.json(data);
});

app.get('/err', (req, res) => {
  res.status(404).send(`Page ${req.path} not found`); //@vuln CWE-79
});

app.get('/otp', (req, res) => {
  const otp = Math.floor(100000 + Math.random() * 900000); //@vuln CWE-338
  const otp2 = crypto.randomInt(100000, 999999); //@safe
  res.json({ sent: true, otp, otp2 });
});

app.post('/import', (req, res) => {
  const config: Record<string, any> = {};
  for (const [key, value] of Object.entries(req.body)) {
    config[key] = value; //@vuln CWE-1321
  }
  res.json(config);
});

export const DB_CONFIG = {
  host: 'localhost',
  user: 'root',
  password: 'r00tPassw0rd', //@vuln CWE-798
};

export const api = axios.create({ headers: { Authorization: `Bearer ${process.env.TOKEN}` } }); //@safe
