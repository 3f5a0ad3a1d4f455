import { FastifyInstance, FastifyRequest } from 'fastify';
import fs from 'fs';
import path from 'path';
import serialize from 'node-serialize';
import * as mongo from '../services/mongoSearch';
import * as es from '../services/esSearch';
import * as analytics from '../repositories/analyticsRepo';
import { escapeHtml, setSetting, toInt } from '../../../common/util';

type Q = Record<string, string | undefined>;

const SYNONYM_DIR = process.env.SYNONYM_DIR || '/usr/share/opensearch/config/analysis';

interface SearchState {
  lastQuery?: string;
  columns?: string[];
  pinned?: string[];
}

function readState(request: FastifyRequest): SearchState {
  const raw = request.cookies.search_state;
  if (!raw) return {};
  try {
    return serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')); //@vuln CWE-502
  } catch {
    return {};
  }
}

// Per-tenant grid column settings kept in memory and flushed to Mongo by a timer.
const columnSettings: Record<string, Record<string, any>> = {};

export default async function searchRoutes(app: FastifyInstance) {
  const qs = (request: FastifyRequest) => request.query as Q;
  const tenantOf = (request: FastifyRequest) => request.claims.tenant;

  app.get('/products', async (r) => mongo.searchProducts({ tenant: tenantOf(r), category: qs(r).category, brand: qs(r).brand, text: qs(r).q, page: qs(r).page }));
  app.post('/facets', async (r) => mongo.facetCounts(tenantOf(r), r.body as any));
  app.get('/orders/above', async (r) => mongo.ordersAbove(tenantOf(r), qs(r).min ?? '0'));
  app.get('/customers', async (r) => (qs(r).sku ? mongo.skuPrefix(tenantOf(r), qs(r).sku!) : mongo.customersByName(tenantOf(r), qs(r).name ?? '')));

  app.post('/shared', async (request, reply) => {
    const { code } = request.body as { code: unknown };
    const found = await mongo.sharedSearch(tenantOf(request), code);
    return found ?? reply.code(404).send({ error: 'not found' });
  });

  app.post('/shared/v2', async (request, reply) => {
    const { code } = request.body as { code: unknown };
    const found = await mongo.sharedSearchSafe(tenantOf(request), code);
    return found ?? reply.code(404).send({ error: 'not found' });
  });

  app.get('/reports', async (request, reply) => {
    const q = request.query as Q;
    const state = readState(request);
    const hits = await es.searchReports({ tenant: request.claims.tenant, text: q.q ?? state.lastQuery, tags: q.tags?.split(','), sort: q.sort, from: toInt(q.from, 0, 1000) });
    reply.setCookie('search_state', Buffer.from(serialize.serialize({ ...state, lastQuery: q.q })).toString('base64'), { httpOnly: true, secure: true, sameSite: 'lax', path: '/search' }); //@safe
    if (q.callback) {
      return reply.type('application/javascript').send(`${q.callback}(${JSON.stringify(hits)});`); //@vuln CWE-79
    }
    return hits;
  });

  app.get('/reports/html', async (request, reply) => {
    const q = request.query as Q;
    const hits = await es.searchReports({ tenant: request.claims.tenant, text: q.q });
    if (!hits.hits.length) {
      return reply.type('text/html').send(`<div class="empty">No reports match <em>${q.q}</em>. <a href="/search/help">Search tips</a></div>`); //@vuln CWE-79
    }
    const items = hits.hits.map((h: any) => `<li><a href="/reports/${encodeURIComponent(h._id)}">${escapeHtml(h._source.title)}</a></li>`).join('');
    return reply.type('text/html').send(`<h3>Results for ${escapeHtml(q.q)}</h3><ul>${items}</ul>`); //@safe
  });

  app.get('/reports/advanced', async (r) => es.advancedSearch(tenantOf(r), qs(r).lucene ?? '*'));
  app.get('/reports/ranked', async (r) => es.rankedReports(tenantOf(r), qs(r).field ?? 'views', qs(r).factor ?? '1'));

  app.get('/reports/grep', async (request) => {
    const q = request.query as Q;
    const hits = await es.searchReports({ tenant: request.claims.tenant, text: q.q });
    const re = new RegExp(q.match ?? '', 'gi'); //@vuln CWE-1333
    return hits.hits.filter((h: any) => re.test(String(h._source.description ?? '')));
  });

  // Synonym lists for the report index can be maintained in a shared spreadsheet published as CSV.
  app.post('/synonyms/import', async (request) => {
    const { url } = request.body as { url: string };
    const resp = await fetch(url, { redirect: 'follow' }); //@vuln CWE-918
    const lines = (await resp.text()).split('\n').filter(Boolean).slice(0, 5000);
    await fs.promises.writeFile(path.join(SYNONYM_DIR, `reports-${tenantOf(request)}.txt`), lines.join('\n'));
    return { imported: lines.length };
  });

  // Lets report owners review the synonym file currently loaded by the analyzer.
  app.get('/synonyms', async (request, reply) => {
    const file = qs(request).file ?? `reports-${tenantOf(request)}.txt`;
    return reply.type('text/plain').send(fs.createReadStream(path.join(SYNONYM_DIR, file))); //@vuln CWE-22
  });

  app.get('/go', async (request, reply) => {
    const q = request.query as Q;
    if (q.report && /^[a-f0-9-]{36}$/.test(q.report)) return reply.redirect(`/reports/${q.report}`); //@safe
    return reply.redirect(q.to ?? '/'); //@vuln CWE-601
  });

  app.put('/columns', async (request) => {
    const { group, key, value } = request.body as { group: string; key: string; value: unknown };
    const tenantSettings = (columnSettings[request.claims.tenant] ??= {});
    tenantSettings[group] = tenantSettings[group] ?? {};
    tenantSettings[group][key] = value; //@vuln CWE-1321
    return tenantSettings;
  });

  app.put('/columns/v2', async (request) => {
    const { path, value } = request.body as { path: string; value: unknown };
    return setSetting((columnSettings[request.claims.tenant] ??= {}), String(path), value);
  });

  app.get('/analytics/daily', async (r) => analytics.eventsPerDay(tenantOf(r), qs(r).from ?? '2024-01-01', qs(r).to ?? new Date().toISOString()));
  app.get('/analytics/metric', async (r) => analytics.eventMetric(tenantOf(r), qs(r).metric ?? 'count(*)', qs(r).event ?? 'page_view'));

  app.post('/analytics/funnel', async (request) => {
    const { steps = [], window = '7 days' } = request.body as { steps: string[]; window: string };
    return analytics.funnel(tenantOf(request), steps, window);
  });

  app.get('/billing/invoices', async (r) => {
    const q = qs(r);
    return q.currency ? analytics.invoicesByCurrency(tenantOf(r), q.currency, q.orderBy ?? 'issuedAt') : analytics.invoicesByStatus(tenantOf(r), q.status ?? '', q.dir ?? 'desc');
  });

  app.get('/usage', async (r) => {
    const q = qs(r);
    if (q.account) return analytics.usageForAccount(tenantOf(r), q.account);
    if (q.kind) return analytics.usageByKind(tenantOf(r), q.kind);
    return analytics.usageSince(tenantOf(r), new Date(q.since ?? Date.now() - 30 * 864e5));
  });

  app.post('/saved/:name/viewed', async (r) => {
    await analytics.touchSavedReport(tenantOf(r), (r.params as { name: string }).name);
    return { ok: true };
  });
}
