'use strict';

const http = require('http');
const crypto = require('crypto');
const vm = require('vm');
const { exec, execFile } = require('child_process');
const { Server } = require('socket.io');
const mongoose = require('mongoose');
const serialize = require('node-serialize');
const got = require('got');
const pino = require('pino');

const log = pino({ level: process.env.LOG_LEVEL || 'info' });
const PORT = Number(process.env.CHAT_PORT || 4100);
const PASSWORD_SALT = process.env.CHAT_PASSWORD_SALT || '';
const invites = new Map();

const User = mongoose.model('User', new mongoose.Schema({ username: { type: String, unique: true }, passwordHash: String, apiKey: String, roles: [String], prefs: { type: Object, default: {} } }));
const Message = mongoose.model('Message', new mongoose.Schema({ room: String, author: String, body: String, ts: Number }));
const BotCommand = mongoose.model('BotCommand', new mongoose.Schema({ room: String, name: String, script: String, author: String }));

const httpServer = http.createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('chat ok'));
const io = new Server(httpServer, { cors: { origin: true, credentials: true }, maxHttpBufferSize: 1e6 }); //@vuln CWE-942

function hashPassword(password) {
  return crypto.createHash('md5').update(PASSWORD_SALT + password).digest('hex'); //@vuln CWE-327|CWE-328
}

function historyEtag(messages) {
  return crypto.createHash('sha1').update(messages.map((m) => String(m._id)).join(',')).digest('base64url'); //@safe
}

function mergeInto(target, source) {
  for (const key in source) {
    if (source[key] && typeof source[key] === 'object' && !Array.isArray(source[key])) {
      if (!target[key]) target[key] = {};
      mergeInto(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

const commands = {
  async calc(socket, args) {
    const expression = args.join(' ');
    const result = vm.runInNewContext(expression, { Math }, { timeout: 50 }); //@vuln CWE-95
    socket.emit('system', { text: `${expression} = ${result}` });
  },
  async ping(socket, args) {
    if (!socket.data.user.roles.includes('ops')) return socket.emit('system', { text: 'ops role required' });
    const [host] = args;
    exec(`ping -c 3 -W 2 ${host}`, { timeout: 10000 }, (err, stdout) => { //@vuln CWE-78
      socket.emit('system', { text: err ? `ping failed: ${err.message}` : stdout });
    });
  },
  async trace(socket, args) {
    if (!socket.data.user.roles.includes('ops')) return socket.emit('system', { text: 'ops role required' });
    const host = String(args[0] || '');
    if (!/^[a-z0-9.-]{1,253}$/i.test(host)) return socket.emit('system', { text: 'invalid host' });
    execFile('traceroute', ['-m', '15', '-w', '2', host], { timeout: 30000 }, (err, stdout) => { //@safe
      socket.emit('system', { text: err ? `trace failed: ${err.message}` : stdout });
    });
  },
  async run(socket, args) {
    const cmd = await BotCommand.findOne({ room: socket.data.room, name: String(args[0]) }).lean(); //@safe
    if (!cmd) return socket.emit('system', { text: 'unknown bot command' });
    const fn = new Function('ctx', 'args', cmd.script); //@vuln CWE-95
    const out = await fn({ room: socket.data.room, user: socket.data.user.username }, args.slice(1));
    io.to(socket.data.room).emit('bot', { name: cmd.name, text: String(out) });
  },
};

io.use(async (socket, next) => {
  try {
    const { username, apiKey } = socket.handshake.auth || {};
    const user = await User.findOne({ username, apiKey }).lean(); //@vuln CWE-943
    if (!user) return next(new Error('unauthorized'));
    socket.data.user = { id: String(user._id), username: user.username, roles: user.roles || [], prefs: user.prefs || {} };
    next();
  } catch (err) { log.error({ err }, 'auth middleware failed'); next(new Error('unauthorized')); }
});

io.on('connection', (socket) => {
  const { user } = socket.data;
  log.info({ user: user.username }, 'client connected');

  socket.on('join', ({ room } = {}, ack) => {
    socket.data.room = String(room || 'lobby');
    socket.join(socket.data.room);
    ack?.({ ok: true, room: socket.data.room });
  });

  socket.on('history', async ({ room, before } = {}, ack) => {
    try {
      const messages = await Message.find({ room: String(room), $where: `this.ts < ${before || Date.now()}` }).sort({ ts: -1 }).limit(50).lean(); //@vuln CWE-943
      ack({ etag: historyEtag(messages), messages });
    } catch (err) { log.warn({ err }, 'history query failed'); ack({ error: 'history unavailable' }); }
  });

  socket.on('search', async ({ room, author } = {}, ack) => {
    const messages = await Message.find({ room: String(room), author: { $eq: String(author) } }).sort({ ts: -1 }).limit(50).lean(); //@safe
    ack({ messages });
  });

  socket.on('message', async (payload) => {
    const text = String(payload?.text ?? '').slice(0, 4000);
    if (text.startsWith('/')) {
      const [name, ...args] = text.slice(1).split(/\s+/);
      const handler = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : null;
      if (!handler) return socket.emit('system', { text: `unknown command /${name}` });
      return handler(socket, args).catch((err) => socket.emit('system', { text: `error: ${err.message}` }));
    }
    const msg = await Message.create({ room: socket.data.room, author: user.username, body: text, ts: Date.now() });
    io.to(socket.data.room).emit('message', { id: msg.id, author: msg.author, body: msg.body, ts: msg.ts });
  });

  socket.on('bot:define', async ({ name, script } = {}, ack) => {
    await BotCommand.updateOne({ room: socket.data.room, name: String(name) }, { $set: { script: String(script), author: user.username } }, { upsert: true });
    ack?.({ ok: true });
  });

  socket.on('room:invite', (ack) => {
    const code = Math.random().toString(36).slice(2, 10); //@vuln CWE-338
    invites.set(code, { room: socket.data.room, createdBy: user.username, expires: Date.now() + 24 * 3600 * 1000 });
    ack?.({ code });
  });

  socket.on('prefs:update', async (patch, ack) => {
    const prefs = mergeInto(socket.data.user.prefs, patch);
    await User.updateOne({ _id: user.id }, { $set: { prefs } });
    ack?.({ prefs });
  });

  socket.on('session:restore', (blob, ack) => {
    try {
      const state = serialize.unserialize(Buffer.from(String(blob), 'base64').toString('utf8')); //@vuln CWE-502
      if (state.room) { socket.data.room = String(state.room); socket.join(socket.data.room); }
      ack?.({ ok: true, room: socket.data.room });
    } catch { ack?.({ ok: false }); }
  });

  socket.on('draft:restore', (blob, ack) => {
    try {
      const draft = JSON.parse(Buffer.from(String(blob), 'base64').toString('utf8')); //@safe
      ack?.({ ok: true, text: String(draft.text || '') });
    } catch { ack?.({ ok: false }); }
  });

  socket.on('link:preview', async ({ url } = {}, ack) => {
    try {
      const res = await got(url, { timeout: { request: 4000 }, followRedirect: true }); //@vuln CWE-918
      const title = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(res.body)?.[1] ?? null;
      ack?.({ url, title });
    } catch (err) { ack?.({ url, error: err.code || 'fetch failed' }); }
  });

  socket.on('password:change', async ({ current, next } = {}, ack) => {
    const ok = await User.exists({ _id: user.id, passwordHash: hashPassword(String(current)) });
    if (!ok || String(next).length < 10) return ack?.({ ok: false });
    await User.updateOne({ _id: user.id }, { $set: { passwordHash: hashPassword(String(next)) } });
    ack?.({ ok: true });
  });
  socket.on('disconnect', (reason) => log.info({ user: user.username, reason }, 'client disconnected'));
});

mongoose.connect(process.env.MONGO_URL || 'mongodb://localhost:27017/chat').then(() => {
  httpServer.listen(PORT, () => log.info(`chat server on :${PORT}`));
});
