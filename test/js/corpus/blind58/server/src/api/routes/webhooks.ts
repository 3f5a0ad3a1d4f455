import type { FastifyInstance } from 'fastify';
import libxmljs from 'libxmljs';
import { eq } from 'drizzle-orm';
import { config } from '../../config';
import { ActivityLog, db, teams } from '../../db/client';
import { redis, requireSession, verifyWebhookSignature } from '../lib/auth';
import { deepMerge, mergeDefaults, setByPath } from '../../shared/objects';

const DEFAULT_SETTINGS = {
  timezone: 'UTC',
  approvals: { required: false, reviewers: [] as string[] },
  shortener: { enabled: true, domain: 'pw.link' },
  networks: {} as Record<string, Record<string, unknown>>,
};

function samplePayload(event: string) {
  const post = { id: '00000000-0000-0000-0000-000000000000', network: 'linkedin', caption: 'Hello from Postwise' };
  return { event, sentAt: new Date().toISOString(), post };
}

async function loadTeam(teamId: string) {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId)).limit(1);
  return team;
}

export default async function webhookRoutes(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    (request as unknown as { rawBody: Buffer }).rawBody = body as Buffer;
    try {
      done(null, body.length ? JSON.parse(body.toString('utf8')) : {});
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.post('/webhooks/meta', async (request, reply) => {
    const rawBody = (request as unknown as { rawBody: Buffer }).rawBody;
    const signature = request.headers['x-hub-signature-256'] as string | undefined;
    if (!verifyWebhookSignature(rawBody, signature, config.webhookSecrets.meta)) return reply.code(401).send();
    const { entry = [] } = request.body as { entry?: Array<{ id: string; changes: unknown[] }> };
    await ActivityLog.insertMany(entry.map((e) => ({ teamId: e.id, action: 'meta.change', network: 'meta', meta: { changes: e.changes } })));
    return { received: entry.length };
  });

  app.get('/webhooks/youtube', async (request, reply) => reply.type('text/plain').send((request.query as Record<string, string>)['hub.challenge'] ?? ''));

  // PubSubHubbub notifications for newly published videos
  app.post('/webhooks/youtube', async (request) => {
    const doc = libxmljs.parseXml(String(request.body), { noent: true, dtdload: true });  //@vuln CWE-611
    const ns = { atom: 'http://www.w3.org/2005/Atom', yt: 'http://www.youtube.com/xml/schemas/2015' };
    const videoId = doc.get('//atom:entry/yt:videoId', ns)?.text();
    const channelId = doc.get('//atom:entry/yt:channelId', ns)?.text();
    if (videoId && channelId) {
      const teamId = await redis.get(`yt-channel:${channelId}`);
      await ActivityLog.create({ teamId, action: 'youtube.video', network: 'youtube', meta: { videoId, channelId } });
    }
    return { ok: true };
  });

  app.register(async (secured) => {
    secured.addHook('preHandler', requireSession);

    secured.patch('/team/settings', async (request) => {
      const team = await loadTeam(request.session.teamId);
      const settings = deepMerge(team.settings ?? {}, request.body as Record<string, unknown>);
      await db.update(teams).set({ settings }).where(eq(teams.id, team.id));
      return settings;
    });

    secured.put('/team/settings', async (request) => {
      const settings = mergeDefaults(DEFAULT_SETTINGS, request.body as Record<string, unknown>);
      await db.update(teams).set({ settings }).where(eq(teams.id, request.session.teamId));
      return settings;
    });

    secured.post('/me/preferences', async (request) => {
      const { path: key, value } = request.body as { path: string; value: unknown };
      const prefsKey = `prefs:${request.session.userId}`;
      const prefs = JSON.parse((await redis.get(prefsKey)) ?? '{}');
      setByPath(prefs, key, value);
      await redis.set(prefsKey, JSON.stringify(prefs));
      return prefs;
    });

    secured.post('/team/networks/overrides', async (request) => {
      const { network, overrides } = request.body as { network: string; overrides: Record<string, unknown> };
      const team = await loadTeam(request.session.teamId);
      const networkConfig: Record<string, Record<string, unknown>> = { ...(team.settings?.networks ?? {}) };
      networkConfig[network] ??= {};
      for (const [option, value] of Object.entries(overrides)) {
        networkConfig[network][option] = value;  //@vuln CWE-1321
      }
      await db.update(teams).set({ settings: { ...team.settings, networks: networkConfig } }).where(eq(teams.id, team.id));
      return networkConfig[network];
    });

    secured.post('/activity/search', async (request) => {
      const { actor, action } = request.body as { actor?: unknown; action?: string };
      const filter: Record<string, unknown> = { teamId: request.session.teamId };
      if (actor) filter.actor = actor;
      if (action) filter.action = String(action);
      return ActivityLog.find(filter).sort({ createdAt: -1 }).limit(100).lean();  //@vuln CWE-943
    });

    secured.get('/activity/network/:network', async (request) => {
      const { network } = request.params as { network: string };
      return ActivityLog.find({ teamId: request.session.teamId, network: String(network) }).sort({ createdAt: -1 }).limit(100).lean();  //@safe
    });

    secured.post('/activity/campaign', async (request) => {
      const { campaign } = request.body as { campaign: string };
      const where = `this.meta && this.meta.campaign === '${campaign}'`;
      return ActivityLog.find({ teamId: request.session.teamId, $where: where }).lean();  //@vuln CWE-943
    });

    secured.post('/integrations/test', async (request) => {
      const { url, event = 'post.published' } = request.body as { url: string; event?: string };
      const headers = { 'content-type': 'application/json', 'user-agent': config.networks.userAgent };
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(samplePayload(event)) });  //@vuln CWE-918
      return { status: response.status, body: (await response.text()).slice(0, 2000) };
    });

    secured.post('/integrations', async (request, reply) => {
      const { url, events = ['post.published'] } = request.body as { url: string; events?: string[] };
      const target = new URL(url);
      if (target.protocol !== 'https:' || !config.webhookTargetHosts.includes(target.hostname)) {
        return reply.code(400).send({ error: 'unsupported integration host' });
      }
      const ping = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'ping' }) });  //@safe
      if (!ping.ok) return reply.code(422).send({ error: `integration responded ${ping.status}` });
      await redis.sadd(`integrations:${request.session.teamId}`, JSON.stringify({ url: target.toString(), events }));
      return { ok: true };
    });
  });
}
