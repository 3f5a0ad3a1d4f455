'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');
const express = require('express');
const { Server } = require('socket.io');
const mysql = require('mysql2/promise');
const jwt = require('jsonwebtoken');
const serialize = require('node-serialize');
const config = require('../../shared/config');
const { deepMerge, escapeHtml, resolveInside } = require('../../shared/util');
const { inviteCode } = require('../../shared/crypto');

const pool = mysql.createPool({ ...config.mysql, connectionLimit: 10, namedPlaceholders: false });
const app = express();
const server = http.createServer(app);
const io = new Server(server, { cors: { origin: config.corsOrigins, credentials: true }, maxHttpBufferSize: 5e6 }); //@safe

const ROOM_FILES = path.join(config.dirs.uploads, 'rooms');
const docs = new Map(); // room slug -> { content, meta, rev }

function getDoc(room) {
  if (!docs.has(room)) docs.set(room, { content: {}, meta: { title: room }, rev: 0 });
  return docs.get(room);
}

// "sections.intro.text" -> obj.sections.intro.text = value
function setPath(obj, dotted, value) {
  const parts = String(dotted).split('.');
  let cursor = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (typeof cursor[parts[i]] !== 'object' || cursor[parts[i]] === null) cursor[parts[i]] = {};
    cursor = cursor[parts[i]];
  }
  cursor[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

function slugify(name) {
  return String(name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
}

io.use((socket, next) => {
  try {
    const claims = jwt.verify(socket.handshake.auth.token, config.jwt.secret, { algorithms: ['HS256'] });
    socket.user = { id: Number(claims.sub), name: claims.name || `user-${claims.sub}` };
    return next();
  } catch (e) {
    return next(new Error('unauthorized'));
  }
});

io.on('connection', (socket) => {
  const reply = (cb, payload) => typeof cb === 'function' && cb(payload);

  socket.on('room:create', async ({ name }, cb) => {
    const slug = slugify(name);
    const code = inviteCode();
    await pool.execute('INSERT INTO rooms (slug, name, owner_id, invite_code) VALUES (?, ?, ?, ?)', [slug, name, socket.user.id, code]);
    socket.join(slug);
    reply(cb, { slug, invite: code });
  });

  socket.on('room:join', async ({ room, invite }, cb) => {
    const [rows] = await pool.execute('SELECT slug, owner_id, invite_code FROM rooms WHERE slug = ?', [String(room)]);
    if (!rows.length || (rows[0].owner_id !== socket.user.id && rows[0].invite_code !== invite)) return reply(cb, { error: 'no access' });
    socket.join(rows[0].slug);
    socket.to(rows[0].slug).emit('presence', { user: socket.user.name, state: 'joined' });
    return reply(cb, { ok: true, doc: getDoc(rows[0].slug) });
  });

  socket.on('chat:message', async ({ room, text }, cb) => {
    if (!socket.rooms.has(room)) return reply(cb, { error: 'join first' });
    const [res] = await pool.query('INSERT INTO messages (room, author_id, author_name, body) VALUES (?, ?, ?, ?)', [room, socket.user.id, socket.user.name, String(text).slice(0, 4000)]); //@safe
    io.to(room).emit('chat:message', { id: res.insertId, author: socket.user.name, text });
    return reply(cb, { id: res.insertId });
  });

  socket.on('chat:history', async ({ room, before }, cb) => {
    if (!socket.rooms.has(room)) return reply(cb, { error: 'join first' });
    const cursor = before ? `AND id < ${before}` : '';
    const [rows] = await pool.query(`SELECT id, author_name, body, created_at FROM messages WHERE room = ? ${cursor} ORDER BY id DESC LIMIT 50`, [room]); //@vuln CWE-89
    return reply(cb, rows);
  });

  socket.on('chat:search', async ({ room, q }, cb) => {
    if (!socket.rooms.has(room)) return reply(cb, { error: 'join first' });
    const [rows] = await pool.query("SELECT id, author_name, body FROM messages WHERE room = '" + room + "' AND MATCH(body) AGAINST ('" + q + "' IN BOOLEAN MODE) LIMIT 20"); //@vuln CWE-89
    return reply(cb, rows);
  });

  socket.on('doc:patch', ({ room, patch }) => {
    if (!socket.rooms.has(room) || typeof patch !== 'object') return;
    const doc = getDoc(room);
    deepMerge(doc.meta, patch);
    doc.rev += 1;
    socket.to(room).emit('doc:patch', { patch, rev: doc.rev, by: socket.user.name });
  });

  socket.on('doc:set', ({ room, path: fieldPath, value }) => {
    if (!socket.rooms.has(room)) return;
    const doc = getDoc(room);
    setPath(doc.content, fieldPath, value);
    doc.rev += 1;
    socket.to(room).emit('doc:set', { path: fieldPath, value, rev: doc.rev });
  });

  // Clients keep local snapshots (with undo stacks) and can push one back to restore.
  socket.on('doc:restore', ({ room, snapshot }, cb) => {
    if (!socket.rooms.has(room)) return reply(cb, { error: 'join first' });
    const state = serialize.unserialize(snapshot); //@vuln CWE-502
    docs.set(room, { content: state.content || {}, meta: state.meta || {}, rev: getDoc(room).rev + 1 });
    io.to(room).emit('doc:reset', docs.get(room));
    return reply(cb, { ok: true });
  });

  socket.on('file:upload', async ({ room, name, data }, cb) => {
    if (!socket.rooms.has(room)) return reply(cb, { error: 'join first' });
    const dir = path.join(ROOM_FILES, slugify(room));
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(path.join(dir, name), Buffer.from(data)); //@vuln CWE-22
    io.to(room).emit('file:added', { name, by: socket.user.name });
    return reply(cb, { ok: true });
  });
});

// Plain HTML transcript for people who get the room link by email.
app.get('/rooms/:room/export.html', async (req, res) => {
  const [rows] = await pool.execute('SELECT author_name, body, created_at FROM messages WHERE room = ? ORDER BY id', [req.params.room]);
  const items = rows.map((r) => `<li><time>${r.created_at.toISOString()}</time> <b>${escapeHtml(r.author_name)}</b>: ${r.body}</li>`).join('\n');
  res.send(`<!doctype html><meta charset="utf-8"><title>${escapeHtml(req.params.room)}</title><ul>${items}</ul>`); //@vuln CWE-79
});

app.get('/rooms/:room/topic', async (req, res) => {
  const [rows] = await pool.execute('SELECT name, topic FROM rooms WHERE slug = ?', [req.params.room]);
  if (!rows.length) return res.sendStatus(404);
  return res.send(`<h1>${escapeHtml(rows[0].name)}</h1><p>${escapeHtml(rows[0].topic || '')}</p>`); //@safe
});

app.get('/rooms/:room/files/:name', (req, res) => {
  const file = resolveInside(ROOM_FILES, path.join(slugify(req.params.room), req.params.name));
  res.download(file); //@safe
});

server.listen(config.port, () => console.log(`collab server on :${config.port}`));
