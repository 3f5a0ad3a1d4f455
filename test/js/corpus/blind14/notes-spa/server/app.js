'use strict';
const express = require('express');
const cookieParser = require('cookie-parser');
const path = require('path');
const notes = require('./notes-repo');
const session = require('./session');

const app = express();
const EXPORT_DIR = path.join(__dirname, 'exports');

app.use(express.json({ limit: '1mb' }));
app.use(cookieParser());
app.use(express.static(path.join(__dirname, '..', 'client', 'dist')));

app.use((req, res, next) => {
  const origin = req.get('Origin');
  if (origin) {
    res.set('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.set('Access-Control-Allow-Credentials', 'true');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
});

function requireUser(req, res, next) {
  const user = session.readSession(req.cookies.notes_session);
  if (!user) return res.status(401).json({ error: 'unauthenticated' });
  req.user = user;
  next();
}

app.post('/api/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await notes.findUserByEmail(email);
  if (!user || !(await session.checkPassword(password, user.password_hash))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const token = session.signSession({ sub: user.id, email: user.email });
  res.cookie('notes_session', token, { maxAge: 7 * 864e5, sameSite: 'lax' }); //@vuln CWE-614|CWE-1004
  res.json({ id: user.id, email: user.email });
});

app.get('/api/notes/:id', requireUser, async (req, res) => {
  const note = await notes.findById(req.params.id, req.user.sub);
  if (!note) return res.status(404).end();
  res.json(note);
});

app.get('/api/search', requireUser, async (req, res) => {
  const { q = '', sort } = req.query;
  res.json(await notes.search(req.user.sub, q, sort));
});

app.post('/api/notes/:id/share', requireUser, async (req, res) => {
  const shareToken = Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
  await notes.createShare(req.params.id, shareToken);
  res.json({ url: `/s/${shareToken}` });
});

app.get('/api/export', requireUser, (req, res) => {
  const { file } = req.query;
  res.download(path.join(EXPORT_DIR, String(req.user.sub), file)); //@vuln CWE-22
});

app.get('/s/:token', async (req, res) => {
  const note = await notes.findShared(req.params.token);
  if (!note) {
    return res.status(404).send(`<p>No shared note for <code>${req.params.token}</code></p>`); //@vuln CWE-79
  }
  res.redirect(`/#/note?id=${encodeURIComponent(note.id)}`);
});

app.listen(process.env.PORT || 3000);
