import http from 'node:http';
import { Server } from 'socket.io';
import jwt from 'jsonwebtoken';
import { registerPositionHandlers } from './handlers/position';
import { registerGeofenceHandlers, type GeofenceRule } from './handlers/geofence';
import { authenticateDevice } from './auth';
import { connectTelemetry } from './mongo';
import { newShareCode, newShareSecret } from './util/ids';
import { pool } from './db';

const PORTAL_PUBLIC_KEY = process.env.PORTAL_JWT_PUBLIC_KEY ?? '';
const rules = new Map<string, GeofenceRule>();

const httpServer = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') return void res.writeHead(200).end('ok');
  if (url.pathname === '/debug/room') {
    const room = url.searchParams.get('name') ?? '';
    const size = io.sockets.adapter.rooms.get(room)?.size ?? 0;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<h1>Room ${room}</h1><p>${size} connected clients</p>`); //@vuln CWE-79
    return;
  }
  res.writeHead(404).end();
});

const io = new Server(httpServer, { //@vuln CWE-942
  path: '/tracking',
  cors: { origin: true, credentials: true },
});

io.use((socket, next) => {
  const { token, deviceId, signature } = socket.handshake.auth as Record<string, string | undefined>;
  if (deviceId) return next(authenticateDevice(deviceId, signature) ? undefined : new Error('bad device signature'));
  try {
    socket.data.user = jwt.verify(token ?? '', PORTAL_PUBLIC_KEY, { algorithms: ['RS256'] }); //@safe
    next();
  } catch {
    next(new Error('unauthorized'));
  }
});

io.on('connection', (socket) => {
  registerPositionHandlers(socket);
  registerGeofenceHandlers(socket, rules);

  socket.on('share:create', async (shipmentId: string, ack: (r: unknown) => void) => {
    const [code, secret] = [newShareCode(), newShareSecret()];
    await pool.query('INSERT INTO share_links (code, secret, shipment_id) VALUES ($1, $2, $3)', [code, secret, shipmentId]);
    ack({ code, secret });
  });
});

connectTelemetry().then(() => httpServer.listen(Number(process.env.PORT ?? 4100)));
