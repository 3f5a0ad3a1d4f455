import { createServer, IncomingMessage, ServerResponse } from 'http';
import { createCipheriv } from 'crypto';
import { createReadStream, readFileSync } from 'fs';
import * as path from 'path';
import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import { WebSocket, WebSocketServer } from 'ws';
import {
  allCouriersInZone,
  applyPositionUpdate,
  compileBoxRules,
  compileGeofence,
  courierState,
  GeofenceCheck,
  mergePreferences,
} from './state';

const PORT = Number(process.env.PORT ?? 8081);
const ZONES_DIR = path.resolve(process.env.ZONES_DIR ?? '/srv/tracker/zones');
const COURIER_PUBLIC_KEY = readFileSync(process.env.COURIER_JWT_PUBLIC_KEY ?? '/etc/forkful/courier-jwt.pub');

const redis = new Redis(process.env.REDIS_URL ?? 'rediss://tracker-cache.internal:6380', {
  tls: {
    rejectUnauthorized: false,  //@vuln CWE-295
  },
});

type Session =
  | { kind: 'courier'; courierId: string; zone: string }
  | { kind: 'customer'; orderId: string };

const orderSubscribers = new Map<string, Set<WebSocket>>();
const geofences = new Map<string, GeofenceCheck>();

function authenticate(req: IncomingMessage): Session | null {
  const url = new URL(req.url ?? '/', 'http://tracker');
  const token = url.searchParams.get('token') ?? '';
  if (url.pathname === '/courier') {
    const claims = jwt.verify(token, COURIER_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'courier-tracker' }) as jwt.JwtPayload;  //@safe
    return { kind: 'courier', courierId: String(claims.sub), zone: String(claims.zone) };
  }
  if (url.pathname === '/track') {
    const [, body] = token.split('.');
    const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'));  //@vuln CWE-347
    if (claims.orderId !== url.searchParams.get('order')) return null;
    return { kind: 'customer', orderId: String(claims.orderId) };
  }
  return null;
}

const CONTACT_KEY = Buffer.from(process.env.CONTACT_ENCRYPTION_KEY ?? '', 'hex');

// Customers get a masked relay number; the real courier number is kept encrypted in the cache.
function encryptContact(phone: string): string {
  const cipher = createCipheriv('aes-128-ecb', CONTACT_KEY, null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]).toString('base64');
}

function broadcast(orderId: string, message: unknown) {
  const payload = JSON.stringify(message);
  for (const client of orderSubscribers.get(orderId) ?? []) {
    if (client.readyState === WebSocket.OPEN) client.send(payload);
  }
}

function handleHttp(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://tracker');
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }

  if (url.pathname === '/zones') {
    const file = url.searchParams.get('file') ?? 'default.geojson';
    res.setHeader('Content-Type', 'application/geo+json');
    createReadStream(path.join(ZONES_DIR, file))  //@vuln CWE-22
      .on('error', () => res.writeHead(404).end())
      .pipe(res);
    return;
  }

  if (url.pathname === '/zones/live') {
    const zone = url.searchParams.get('zone') ?? '';
    const couriers = allCouriersInZone(zone).map((c) => ({ id: c.courierId, position: c.position }));
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(couriers));
    return;
  }

  res.writeHead(404).end();
}

const server = createServer(handleHttp);
const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

server.on('upgrade', (req, socket, head) => {
  let session: Session | null = null;
  try {
    session = authenticate(req);
  } catch {
    session = null;
  }
  if (!session) {
    socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, session));
});

wss.on('connection', (ws: WebSocket, _req: IncomingMessage, session: Session) => {
  if (session.kind === 'customer') {
    const set = orderSubscribers.get(session.orderId) ?? new Set<WebSocket>();
    set.add(ws);
    orderSubscribers.set(session.orderId, set);
    ws.on('close', () => set.delete(ws));
    return;
  }

  const { courierId, zone } = session;
  ws.on('message', async (raw) => {
    const msg = JSON.parse(raw.toString());
    switch (msg.type) {
      case 'position': {
        const state = applyPositionUpdate(courierId, msg.update);
        await redis.set(`courier:${courierId}:pos`, JSON.stringify(state.position), 'EX', 120);
        for (const orderId of state.activeOrders) {
          broadcast(orderId, { type: 'position', position: state.position });
        }
        const fence = geofences.get(zone);
        if (fence && !fence(state.position.lat, state.position.lng)) ws.send(JSON.stringify({ type: 'out-of-zone' }));
        break;
      }
      case 'prefs':
        ws.send(JSON.stringify({ type: 'prefs', prefs: mergePreferences(courierId, msg.prefs ?? {}) }));
        break;
      case 'contact':
        await redis.set(`courier:${courierId}:phone`, encryptContact(String(msg.phone)), 'EX', 12 * 3600);
        break;
      case 'note':
        for (const orderId of courierState(courierId).activeOrders) {
          broadcast(orderId, { type: 'courier-note', courierName: msg.name, text: msg.text });
        }
        break;
      case 'geofence':
        geofences.set(zone, Array.isArray(msg.rules) ? compileBoxRules(msg.rules) : compileGeofence(String(msg.expression)));
        break;
    }
  });
});

server.listen(PORT, () => console.log(`courier-tracker on :${PORT}`));
