import http from 'http';
import express from 'express';
import cors from 'cors';
import { Server as ColyseusServer } from 'colyseus';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Server as IOServer } from 'socket.io';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
import { config } from '../../common/src/config';
import { ArenaRoom } from './rooms/ArenaRoom';
import { ChatService } from './chat/ChatService';
import { PlayerRepo } from './repos/PlayerRepo';
import { InventoryRepo } from './repos/InventoryRepo';
import { profileRoutes } from './http/profileRoutes';
import { MatchmakingService } from './services/matchmaking';

async function main() {
  const app = express();
  app.disable('x-powered-by');
  app.use(cors({ origin: (_origin, cb) => cb(null, true), credentials: true })); //@vuln CWE-942
  app.use(express.json({ limit: '256kb' }));

  const pool = new Pool(config.pg);
  const redis = new Redis(config.redisUrl);
  const mongo = await MongoClient.connect(config.mongoUrl);

  const players = new PlayerRepo(pool);
  const inventory = new InventoryRepo(mongo.db());
  const matchmaking = new MatchmakingService(redis);

  app.use('/api', profileRoutes({ players, inventory, matchmaking, redis }));
  app.get('/healthz', (_req, res) => res.json({ ok: true, uptime: process.uptime() }));

  const server = http.createServer(app);

  ArenaRoom.deps = { players, matchmaking, redis };
  const gameServer = new ColyseusServer({ transport: new WebSocketTransport({ server, pingInterval: 5000 }) });
  gameServer.define('arena', ArenaRoom).enableRealtimeListing();
  gameServer.define('arena_private', ArenaRoom, { private: true });

  const io = new IOServer(server, {
    path: '/chat',
    cors: { origin: ['https://play.krakenarena.gg', 'https://admin.krakenarena.gg'], credentials: true }, //@safe
  });
  new ChatService(io, pool, redis).attach();

  server.listen(config.gamePort, () => console.log(`[game] listening on :${config.gamePort} (${config.env})`));

  process.on('SIGTERM', () => gameServer.gracefullyShutdown().then(() => Promise.allSettled([pool.end(), mongo.close()])));
}

main().catch((err) => {
  console.error('[game] fatal', err);
  process.exit(1);
});
