import { Server, Socket } from 'socket.io';
import { Pool } from 'pg';
import type Redis from 'ioredis';
import { escapeRegExp, setPath } from '../../../common/src/util';

const BANNED_WORDS = (process.env.CHAT_BANNED_WORDS || 'cheat,aimbot,wallhack').split(',').map((w) => w.trim()).filter(Boolean);
const bannedRe = new RegExp(`\\b(${BANNED_WORDS.map(escapeRegExp).join('|')})\\b`, 'gi'); //@safe

const CHANNEL_RE = /^[a-z0-9-]{1,32}$/;
const HISTORY_KEY = (ch: string) => `chat:recent:${ch}`;

type ChatMsg = { channel: string; text: string };
type HistoryQuery = { channel: string; before?: string; limit?: number };
type Ack = (res: unknown) => void;

export class ChatService {
  constructor(private io: Server, private pool: Pool, private redis: Redis) {}

  attach() {
    this.io.use(async (socket, next) => {
      const token = socket.handshake.auth?.token;
      const playerId = token && (await this.redis.get(`sess:${token}`));
      if (!playerId) return next(new Error('unauthorized'));
      socket.data.playerId = Number(playerId);
      socket.data.name = (await this.redis.hget(`player:${playerId}`, 'name')) || `player${playerId}`;
      socket.data.prefs = {};
      next();
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
  }

  private onConnection(socket: Socket) {
    const mention = new RegExp(`@${escapeRegExp(socket.data.name)}\\b`, 'i'); //@safe
    socket.data.mention = mention;

    socket.on('join', (channel: string) => {
      if (typeof channel === 'string' && CHANNEL_RE.test(channel)) socket.join(channel);
    });

    socket.on('mute-words', (words: string[]) => {
      if (!Array.isArray(words) || words.length === 0) return;
      socket.data.muteRe = new RegExp(words.slice(0, 50).join('|'), 'i'); //@vuln CWE-1333
    });

    socket.on('prefs', (path: string, value: unknown) => {
      setPath(socket.data.prefs, String(path), value);
    });

    socket.on('message', (msg: ChatMsg, ack?: Ack) => this.handleMessage(socket, msg).then(ack, () => ack?.({ ok: false })));
    socket.on('history', (q: HistoryQuery, ack: Ack) => this.history(q).then(ack, () => ack({ ok: false })));

    socket.on('search-recent', async (q: { channel: string; pattern: string }, ack: Ack) => {
      const recent = await this.redis.lrange(HISTORY_KEY(q.channel), 0, 499);
      const re = new RegExp(q.pattern, 'i'); //@vuln CWE-1333
      ack(recent.map((r) => JSON.parse(r)).filter((m) => re.test(m.text)));
    });
  }

  private async handleMessage(socket: Socket, msg: ChatMsg) {
    if (!msg || !CHANNEL_RE.test(msg.channel) || !socket.rooms.has(msg.channel)) return { ok: false };
    const text = String(msg.text || '').slice(0, 400);
    const flagged = bannedRe.test(text);
    bannedRe.lastIndex = 0;
    const clean = flagged ? text.replace(bannedRe, (w) => '*'.repeat(w.length)) : text;

    await this.pool.query('INSERT INTO chat_messages (channel, player_id, body, flagged) VALUES ($1, $2, $3, $4)', [msg.channel, socket.data.playerId, text, flagged]); //@safe

    const out = { from: socket.data.name, channel: msg.channel, text: clean, at: Date.now() };
    await this.redis.multi().lpush(HISTORY_KEY(msg.channel), JSON.stringify(out)).ltrim(HISTORY_KEY(msg.channel), 0, 499).exec();

    const sockets = await this.io.in(msg.channel).fetchSockets();
    for (const s of sockets) {
      if (s.data.muteRe && s.data.muteRe.test(clean)) continue;
      s.emit('message', { ...out, mentioned: s.data.mention?.test(clean) ?? false });
    }
    if (flagged) await this.redis.lpush('mod:flagged', JSON.stringify({ ...out, playerId: socket.data.playerId }));
    return { ok: true };
  }

  private async history(q: HistoryQuery) {
    const limit = Math.min(Number(q.limit) || 50, 200);
    let sql = `SELECT id, player_id, body, created_at FROM chat_messages WHERE channel = '${q.channel}' AND NOT flagged`;
    if (q.before) sql += ` AND created_at < '${q.before}'`;
    const { rows } = await this.pool.query(`${sql} ORDER BY id DESC LIMIT ${limit}`); //@vuln CWE-89
    return { ok: true, messages: rows };
  }
}
