import { createServer, IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server, Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { MongoClient } from 'mongodb';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { parse as parseCookie, serialize as serializeCookie } from 'cookie';

interface ClassroomClaims extends JwtPayload {
  sub: string;
  name: string;
  role: 'student' | 'mentor' | 'guest';
}

interface Room {
  _id: string;
  slug: string;
  title: string;
  members: string[];
  mentors: string[];
}

interface ChatMessage {
  roomId: string;
  author: string;
  text: string;
  at: Date;
}

type Checker = (answer: unknown) => boolean;

const PORT = Number(process.env.PORT ?? 4100);
const JWT_SECRET = process.env.JWT_SECRET as string;

const mongo = new MongoClient(process.env.CLASSROOM_MONGO_URL ?? 'mongodb://classroom:Cl4ssr00m-live-2024@mongo.internal:27017/classroom?authSource=admin');  //@vuln CWE-798
const rooms = mongo.db('classroom').collection<Room>('rooms');
const messages = mongo.db('classroom').collection<ChatMessage>('messages');
const polls = new Map<string, { question: string; check: Checker }>();

const httpServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('classroom ok'));

const io = new Server(httpServer, {
  path: '/live',
  cors: { origin: true, credentials: true },  //@vuln CWE-942
  pingInterval: 20_000,
});

// Sticky sessions on the load balancer key off this cookie
io.engine.on('initial_headers', (headers: Record<string, string>, request: IncomingMessage) => {
  const cookies = parseCookie(request.headers.cookie ?? '');
  if (!cookies.classroom_sid) {
    headers['set-cookie'] = serializeCookie('classroom_sid', randomUUID(), { path: '/', sameSite: 'lax', maxAge: 86_400 });  //@vuln CWE-614|CWE-1004
  }
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readClaims(token: string): ClassroomClaims {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') throw new Error('malformed token');
  if (decoded.header.alg === 'none') return decoded.payload as ClassroomClaims;  //@vuln CWE-347
  return jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'], issuer: 'devforge-api' }) as ClassroomClaims;  //@safe
}

io.use((socket, next) => {
  try {
    socket.data.user = readClaims(String(socket.handshake.auth?.token ?? ''));
    next();
  } catch {
    next(new Error('unauthorized'));
  }
});

function isMentor(socket: Socket, room: Room | null) {
  return Boolean(room && room.mentors.includes((socket.data.user as ClassroomClaims).sub));
}

io.on('connection', (socket) => {
  const user = socket.data.user as ClassroomClaims;

  socket.on('room:join', async ({ roomId }, ack?: (r: unknown) => void) => {
    const room = await rooms.findOne({ _id: roomId, members: user.sub });  //@vuln CWE-943
    if (!room) return ack?.({ ok: false, error: 'not a member of this room' });
    await socket.join(room._id);
    const history = await messages.find({ roomId: room._id }).sort({ at: -1 }).limit(100).toArray();
    socket.to(room._id).emit('presence:joined', { name: user.name });
    return ack?.({ ok: true, room: { id: room._id, title: room.title }, history: history.reverse() });
  });

  socket.on('room:lookup', async ({ slug }, ack?: (r: unknown) => void) => {
    const room = await rooms.findOne({ slug: String(slug) }, { projection: { title: 1, slug: 1 } });  //@safe
    ack?.(room ?? null);
  });

  socket.on('chat:message', async ({ roomId, text }) => {
    if (!socket.rooms.has(String(roomId))) return;
    const message: ChatMessage = { roomId: String(roomId), author: user.name, text: String(text).slice(0, 2000), at: new Date() };
    await messages.insertOne(message);
    io.to(message.roomId).emit('chat:message', message);
  });

  // Mentors launch quick checks, e.g. "answer => answer.trim() === 'O(n log n)'"
  socket.on('poll:create', async ({ roomId, question, checker }) => {
    const room = await rooms.findOne({ _id: String(roomId) });
    if (!isMentor(socket, room)) return;
    const check = eval(`(${checker})`) as Checker;  //@vuln CWE-95
    polls.set(String(roomId), { question: String(question), check });
    io.to(String(roomId)).emit('poll:open', { question: String(question) });
  });

  socket.on('poll:answer', ({ roomId, answer }, ack?: (r: unknown) => void) => {
    const poll = polls.get(String(roomId));
    if (!poll) return ack?.({ ok: false });
    let correct = false;
    try {
      correct = Boolean(poll.check(answer));
    } catch {
      correct = false;
    }
    return ack?.({ ok: true, correct });
  });

  socket.on('transcript:search', async ({ roomId, pattern }, ack?: (r: unknown) => void) => {
    const history = await messages.find({ roomId: String(roomId) }).limit(1000).toArray();
    const matcher = new RegExp(pattern, 'i');  //@vuln CWE-1333
    ack?.(history.filter((m) => matcher.test(m.text)));
  });

  socket.on('transcript:highlight', async ({ roomId, phrase }, ack?: (r: unknown) => void) => {
    const history = await messages.find({ roomId: String(roomId) }).limit(1000).toArray();
    const matcher = new RegExp(escapeRegExp(String(phrase)), 'gi');  //@safe
    ack?.(history.map((m) => ({ ...m, hits: m.text.match(matcher)?.length ?? 0 })).filter((m) => m.hits > 0));
  });

  socket.on('disconnecting', () => {
    for (const room of socket.rooms) {
      if (room !== socket.id) socket.to(room).emit('presence:left', { name: user.name });
    }
  });
});

async function main() {
  const pubClient = createClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' });
  const subClient = pubClient.duplicate();
  await Promise.all([pubClient.connect(), subClient.connect(), mongo.connect()]);
  io.adapter(createAdapter(pubClient, subClient));
  httpServer.listen(PORT, () => console.log(`classroom listening on :${PORT}`));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
