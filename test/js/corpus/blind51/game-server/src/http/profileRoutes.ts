import { Router, Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';
import axios from 'axios';
import crypto from 'crypto';
import type Redis from 'ioredis';
import { config } from '../../../common/src/config';
import { newSessionToken, passwordResetToken, hashPlayerPassword, saveChecksum, sealSave, encryptLegacySave } from '../../../common/src/crypto';
import type { PlayerRepo } from '../repos/PlayerRepo';
import type { InventoryRepo } from '../repos/InventoryRepo';
import type { MatchmakingService } from '../services/matchmaking';

type Deps = { players: PlayerRepo; inventory: InventoryRepo; matchmaking: MatchmakingService; redis: Redis };

const wrap = (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) =>
  fn(req, res).catch(next);

export function profileRoutes({ players, inventory, matchmaking, redis }: Deps): Router {
  const router = Router();

  const requireAuth = (req: Request, res: Response, next: NextFunction) => {
    const token = (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
    try {
      const claims = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as jwt.JwtPayload; //@safe
      res.locals.playerId = Number(claims.sub);
      next();
    } catch {
      res.status(401).json({ error: 'unauthorized' });
    }
  };

  // launcher builds < 2.3 still send their own token; the launcher signs it with its RSA key
  const launcherAuth = (req: Request, res: Response, next: NextFunction) => {
    const claims = jwt.decode(String(req.headers['x-launcher-token'] || '')) as jwt.JwtPayload | null; //@vuln CWE-347
    if (!claims?.sub) return res.status(401).json({ error: 'unauthorized' });
    res.locals.playerId = Number(claims.sub);
    next();
  };

  router.post('/session', launcherAuth, wrap(async (_req, res) => {
    const token = newSessionToken();
    await redis.set(`sess:${token}`, String(res.locals.playerId), 'EX', 86400);
    const access = jwt.sign({ sub: String(res.locals.playerId) }, config.jwt.secret, { algorithm: 'HS256', issuer: config.jwt.issuer, expiresIn: config.jwt.ttlSeconds });
    res.json({ token, access });
  }));

  router.get('/players/search', requireAuth, wrap(async (req, res) => {
    res.json(await players.search(String(req.query.q || ''), Number(req.query.limit)));
  }));

  router.get('/leaderboard', wrap(async (req, res) => {
    const page = await players.leaderboardPage(String(req.query.sort || 'rating'), String(req.query.dir || 'desc'), Number(req.query.page));
    const top = await redis.zrevrange('lb:weekly', 0, 9, 'WITHSCORES');
    res.json({ page, weeklyTop: top });
  }));

  router.patch('/players/me', requireAuth, wrap(async (req, res) => {
    const { bio, avatarUrl, region } = req.body;
    if (avatarUrl) {
      const head = await axios.head(avatarUrl, { timeout: 3000 }); //@vuln CWE-918
      if (!String(head.headers['content-type'] || '').startsWith('image/')) return res.status(400).json({ error: 'avatar must be an image' });
    }
    await players.updateProfile(res.locals.playerId, { bio, avatarUrl, region });
    res.json(await players.findById(res.locals.playerId));
  }));

  router.get('/players/:id/season/:season', wrap(async (req, res) => {
    res.json(await players.seasonStats(req.params.id, req.params.season));
  }));

  router.get('/inventory', requireAuth, wrap(async (req, res) => {
    res.json(await inventory.findByFilter(String(res.locals.playerId), req.query));
  }));

  router.get('/inventory/search', requireAuth, wrap(async (req, res) => {
    res.json(await inventory.searchByName(String(res.locals.playerId), String(req.query.name || '')));
  }));

  router.post('/trades/accept', requireAuth, wrap(async (req, res) => {
    const trade = await inventory.acceptTrade(req.body.code, String(res.locals.playerId));
    res.status(trade ? 200 : 404).json({ ok: !!trade });
  }));

  router.put('/saves/:slot', requireAuth, wrap(async (req, res) => {
    const slot = Number(req.params.slot);
    if (!Number.isInteger(slot) || slot < 0 || slot > 4) return res.status(400).end();
    const { data, checksum } = req.body;
    if (saveChecksum(String(data)) !== checksum) return res.status(422).json({ error: 'save checksum mismatch' });
    // old launchers read the save blob back directly, so keep their format for them
    await redis.set(`save:${res.locals.playerId}:${slot}`, req.body.legacy ? encryptLegacySave(String(data)) : sealSave(String(data)));
    res.status(204).end();
  }));

  router.post('/matchmaking/tickets', requireAuth, wrap(async (req, res) => {
    const me = await players.findById(res.locals.playerId);
    if (!me) return res.status(404).end();
    const ticketId = await matchmaking.enqueue({ playerId: me.id, rating: me.rating, region: String(req.body.region), mode: String(req.body.mode || 'ffa'), callbackUrl: req.body.callbackUrl });
    res.status(202).json({ ticketId });
  }));

  router.delete('/matchmaking/tickets/:id', requireAuth, wrap(async (req, res) => {
    await matchmaking.cancel(req.params.id);
    res.status(204).end();
  }));

  router.post('/matchmaking/partner-events', wrap(async (req, res) => {
    if (req.headers['x-api-key'] !== config.matchmaking.apiKey) return res.status(403).end();
    await matchmaking.notifyResult(String(req.body.ticketId), req.body.match);
    res.status(204).end();
  }));

  router.post('/password-reset', wrap(async (req, res) => {
    const player = await players.findByEmail(String(req.body.email || ''));
    if (player) {
      const token = passwordResetToken(player.id);
      await redis.set(`reset:${token}`, String(player.id), 'EX', 3600);
      await redis.lpush('mail:outbox', JSON.stringify({ to: player.email, template: 'reset', link: `${config.publicUrl}/reset?t=${token}` }));
    }
    res.status(202).json({ ok: true });
  }));

  router.post('/password-reset/confirm', wrap(async (req, res) => {
    const playerId = await redis.getdel(`reset:${String(req.body.token)}`);
    if (!playerId || String(req.body.password || '').length < 8) return res.status(400).json({ error: 'invalid token or password' });
    const salt = crypto.randomBytes(8).toString('hex');
    await players.setPassword(Number(playerId), hashPlayerPassword(req.body.password, salt), salt);
    res.json({ ok: true });
  }));

  return router;
}
