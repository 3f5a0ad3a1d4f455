// Realtime chat + bot commands over socket.io
import { Server } from 'socket.io';
import vm from 'node:vm';
import { spawn, execFile } from 'node:child_process';
import serialize from 'node-serialize';
import yaml from 'js-yaml';
import { Message, Room } from './models.js';

const BOT_COMMANDS = {
  uptime: ['uptime', []],
  date: ['date', ['-u']],
};

export function attachChat(httpServer) {
  const io = new Server(httpServer, {
    cors: { origin: ['https://chat.example.com'], credentials: true },
  });

  io.on('connection', (socket) => {
    socket.on('join', async ({ room }) => {
      const found = await Room.findOne({ slug: String(room) }); //@safe
      if (found) socket.join(found.slug);
    });

    socket.on('history', async (query, ack) => {
      const msgs = await Message.find(query).sort({ at: -1 }).limit(100); //@vuln CWE-943
      ack(msgs);
    });

    socket.on('highlight', ({ pattern, text }, ack) => {
      const re = new RegExp(`(${pattern})`, 'g'); //@vuln CWE-1333|CWE-400
      ack(String(text).replace(re, '<mark>$1</mark>'));
    });

    socket.on('calc', ({ expr }, ack) => {
      const value = vm.runInNewContext(expr, {}); //@vuln CWE-95|CWE-94
      ack({ value });
    });

    socket.on('calc-simple', ({ a, b, op }, ack) => {
      const ops = { '+': (x, y) => x + y, '-': (x, y) => x - y, '*': (x, y) => x * y };
      const fn = ops[op];
      ack(fn ? { value: fn(Number(a), Number(b)) } : { error: 'unsupported' }); //@safe
    });

    socket.on('bot', ({ command }, ack) => {
      const entry = BOT_COMMANDS[command];
      if (!entry) return ack({ error: 'unknown command' });
      execFile(entry[0], entry[1], (err, stdout) => ack({ out: stdout })); //@safe
    });

    socket.on('bot:grep', ({ word }, ack) => {
      const child = spawn(`grep -c ${word} /var/log/chat/today.log`, { shell: true }); //@vuln CWE-78
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => ack({ count: out.trim() }));
    });

    socket.on('restore-draft', ({ blob }, ack) => {
      const draft = serialize.unserialize(Buffer.from(blob, 'base64').toString()); //@vuln CWE-502
      ack({ text: draft.text });
    });

    socket.on('import-theme', ({ source }, ack) => {
      const theme = yaml.load(source, { schema: yaml.CORE_SCHEMA }); //@safe
      ack({ name: theme?.name });
    });

    socket.on('legacy-macro', ({ code }) => {
      const macro = new Function('socket', code); //@vuln CWE-95|CWE-94
      macro(socket);
    });

    socket.on('schedule', ({ delayMs, text }) => {
      setTimeout(() => socket.emit('reminder', String(text)), Math.min(Number(delayMs) || 0, 60000)); //@safe
    });

    socket.on('message', async ({ room, text }) => {
      const msg = await Message.create({ room: String(room), text: String(text), from: socket.id, at: new Date() });
      io.to(String(room)).emit('message', { id: msg.id, text: msg.text });
    });
  });

  return io;
}
