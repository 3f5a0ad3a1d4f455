'use strict';

const express = require('express');
const ejs = require('ejs');
const path = require('path');
const fs = require('fs');
const { exec } = require('child_process');
const escapeHtml = require('escape-html');

const router = express.Router();
const EXPORT_DIR = process.env.EXPORT_DIR || '/var/lib/arena-admin/exports';

const ANNOUNCEMENT_LAYOUT = `<div class="announcement">
  <h2><%= title %></h2>
  <div class="body"><%= body %></div>
  <small>Season <%= season %></small>
</div>`;

const currentSeason = () => `S${Math.floor((Date.now() - Date.UTC(2023, 0, 1)) / (90 * 24 * 3600 * 1000)) + 1}`;

const h = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

router.get('/', h(async (req, res) => {
  const pool = req.app.locals.pool;
  const q = req.query.q || '';
  let sql = "SELECT id, name, email, rating, banned_until FROM players WHERE (name ILIKE '%" + q + "%' OR email ILIKE '%" + q + "%')";
  if (req.query.status === 'banned') sql += ' AND banned_until > now()';
  const { rows } = await pool.query(sql + ' ORDER BY id DESC LIMIT 100'); //@vuln CWE-89
  res.render('players/list', { players: rows, q, status: req.query.status || 'all' });
}));

router.get('/lookup', h(async (req, res) => {
  const { rows } = await req.app.locals.pool.query('SELECT id FROM players WHERE lower(name) = lower($1)', [req.query.name]);
  if (!rows[0]) return res.status(404).send('No player named ' + req.query.name + '. <a href="/players">Back</a>'); //@vuln CWE-79
  res.redirect(`/players/${rows[0].id}`);
}));

router.get('/exports/:file', (req, res) => {
  res.download(path.join(EXPORT_DIR, path.basename(req.params.file))); //@safe
});

router.get('/exports', (req, res) => {
  if (req.query.file) return res.download(path.join(EXPORT_DIR, req.query.file)); //@vuln CWE-22
  res.json(fs.readdirSync(EXPORT_DIR).filter((f) => f.endsWith('.csv')));
});

router.post('/export', h(async (req, res) => {
  const table = req.body.table || 'players';
  const file = path.join(EXPORT_DIR, `${Date.now()}-${table}.csv`);
  exec(`psql "$DATABASE_URL" -c "\\copy ${table} TO '${file}' CSV HEADER"`, (err) => { //@vuln CWE-78
    if (err) console.error('[export]', err.message);
  });
  res.redirect('/players/exports');
}));

router.post('/announcements/preview', (req, res) => {
  const html = ejs.render(req.body.template, { player: { name: 'PreviewPlayer' }, season: currentSeason() }); //@vuln CWE-1336
  res.json({ html });
});

router.post('/announcements', h(async (req, res) => {
  const html = ejs.render(ANNOUNCEMENT_LAYOUT, { title: req.body.title, body: req.body.body, season: currentSeason() }); //@safe
  await req.app.locals.pool.query('INSERT INTO announcements (author, title, html) VALUES ($1, $2, $3)', [req.session.user.id, req.body.title, html]);
  res.redirect('/players');
}));

router.get('/:id', h(async (req, res) => {
  const pool = req.app.locals.pool;
  const { rows } = await pool.query('SELECT id, name, email, rating, wins, losses, bio, banned_until, ban_reason FROM players WHERE id = $1', [req.params.id]); //@safe
  if (!rows[0]) return res.status(404).render('404');
  const notes = await pool.query('SELECT author, body, created_at FROM mod_notes WHERE player_id = ' + req.params.id + ' ORDER BY created_at DESC'); //@vuln CWE-89
  res.render('players/detail', { player: rows[0], notes: notes.rows });
}));

router.get('/:id/chat', h(async (req, res) => {
  const { rows } = await req.app.locals.pool.query('SELECT channel, body, flagged, created_at FROM chat_messages WHERE player_id = $1 ORDER BY id DESC LIMIT 200', [req.params.id]);
  res.send('<ul class="chatlog">' + rows.map((r) => `<li class="${r.flagged ? 'flagged' : ''}"><span class="ch">#${escapeHtml(r.channel)}</span> ${r.body}</li>`).join('') + '</ul>'); //@vuln CWE-79
}));

module.exports = router;
