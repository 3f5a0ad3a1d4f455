import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  findDevice,
  listDevices,
  searchDevices,
  eventsSince,
  latestStates,
  telemetrySeries,
  saveSettings,
} from '../repositories/deviceRepo';
import { clampInt, escapeHtml, escapeRegExp, mergeSettings, setByPath } from '../lib/util';
import { requireUser } from './auth';

interface HomeParams {
  homeId: string;
}

interface DeviceParams extends HomeParams {
  deviceId: string;
}

const BUCKETS = new Set(['minute', 'hour', 'day', 'week']);

function ensureMember(request: FastifyRequest, reply: FastifyReply, homeId: string): boolean {
  if (!request.user?.homes.includes(homeId)) {
    reply.code(403).send({ error: 'not a member of this home' });
    return false;
  }
  return true;
}

export default async function deviceRoutes(app: FastifyInstance) {
  app.addHook('preHandler', requireUser);

  app.get<{ Params: HomeParams; Querystring: { room?: string; sort?: string; order?: string } }>(
    '/homes/:homeId/devices',
    async (request, reply) => {
      if (!ensureMember(request, reply, request.params.homeId)) return reply;
      const rows = await listDevices(request.params.homeId, request.query);
      const states = await latestStates(rows.map((row) => String(row.id)));
      return { devices: rows, states };
    },
  );

  app.get<{ Params: HomeParams; Querystring: { q?: string; type?: string } }>(
    '/homes/:homeId/devices/search',
    async (request, reply) => {
      const { homeId } = request.params;
      if (!ensureMember(request, reply, homeId)) return reply;
      const { q = '', type } = request.query;
      return { results: await searchDevices(homeId, q, type) };
    },
  );

  app.get<{ Params: HomeParams; Querystring: { pattern?: string; prefix?: string } }>(
    '/homes/:homeId/devices/match',
    async (request, reply) => {
      const { homeId } = request.params;
      if (!ensureMember(request, reply, homeId)) return reply;
      const rows = await listDevices(homeId);
      if (request.query.prefix) {
        const startsWith = new RegExp(`^${escapeRegExp(request.query.prefix)}`, 'i');  //@safe
        return rows.filter((row) => startsWith.test(String(row.name)));
      }
      const matcher = new RegExp(request.query.pattern ?? '.*', 'i');  //@vuln CWE-1333
      return rows.filter((row) => matcher.test(String(row.name)));
    },
  );

  app.get<{ Params: DeviceParams; Querystring: { since?: string; limit?: string } }>(
    '/homes/:homeId/devices/:deviceId/events',
    async (request, reply) => {
      const { homeId, deviceId } = request.params;
      if (!ensureMember(request, reply, homeId)) return reply;
      const device = await findDevice(homeId, deviceId);
      if (!device) return reply.code(404).send({ error: 'device not found' });
      const since = request.query.since ?? new Date(Date.now() - 86_400_000).toISOString();
      return eventsSince(device.id, since, clampInt(request.query.limit, 1, 500, 100));
    },
  );

  app.get<{ Params: DeviceParams; Querystring: { metric: string; bucket?: string } }>(
    '/homes/:homeId/devices/:deviceId/telemetry',
    async (request, reply) => {
      const { homeId, deviceId } = request.params;
      if (!ensureMember(request, reply, homeId)) return reply;
      const device = await findDevice(homeId, deviceId);
      if (!device) return reply.code(404).send({ error: 'device not found' });
      const bucket = BUCKETS.has(request.query.bucket ?? '') ? request.query.bucket! : 'hour';
      return telemetrySeries(device.id, request.query.metric, bucket);
    },
  );

  app.patch<{ Params: DeviceParams; Body: Record<string, unknown> }>(
    '/homes/:homeId/devices/:deviceId/settings',
    async (request, reply) => {
      const { homeId, deviceId } = request.params;
      if (!ensureMember(request, reply, homeId)) return reply;
      const device = await findDevice(homeId, deviceId);
      if (!device) return reply.code(404).send({ error: 'device not found' });
      const settings = mergeSettings({ ...(device.settings ?? {}) }, request.body);
      await saveSettings(device.id, settings);
      return { settings };
    },
  );

  app.put<{ Params: DeviceParams & { path: string }; Body: { value: unknown } }>(
    '/homes/:homeId/devices/:deviceId/settings/:path',
    async (request, reply) => {
      const { homeId, deviceId, path } = request.params;
      if (!ensureMember(request, reply, homeId)) return reply;
      const device = await findDevice(homeId, deviceId);
      if (!device) return reply.code(404).send({ error: 'device not found' });
      const settings = setByPath({ ...(device.settings ?? {}) }, path, request.body.value);
      await saveSettings(device.id, settings);
      return { settings };
    },
  );

  app.get<{ Params: DeviceParams }>('/homes/:homeId/devices/:deviceId/label', async (request, reply) => {
    const { homeId, deviceId } = request.params;
    if (!ensureMember(request, reply, homeId)) return reply;
    const device = await findDevice(homeId, deviceId);
    if (!device) return reply.code(404).send({ error: 'device not found' });
    const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(device.name)}</title></head>
<body class="label">
  <h1>${escapeHtml(device.name)}</h1>
  <p>${escapeHtml(device.room ?? 'Unassigned')} &middot; ${escapeHtml(device.model ?? device.type)}</p>
  <img src="/v1/qr/${encodeURIComponent(device.id)}.svg" alt="pairing code">
</body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);  //@safe
  });

  app.get<{ Params: HomeParams; Querystring: { from?: string; message?: string } }>(
    '/homes/:homeId/invite-preview',
    async (request, reply) => {
      const { homeId } = request.params;
      if (!ensureMember(request, reply, homeId)) return reply;
      const { from = 'A household member', message = '' } = request.query;
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html><body><div class="invite"><h2>${escapeHtml(from)} invited you to their home</h2><blockquote>${message}</blockquote><a href="/join">Accept invite</a></div></body></html>`);  //@vuln CWE-79
    },
  );
}
