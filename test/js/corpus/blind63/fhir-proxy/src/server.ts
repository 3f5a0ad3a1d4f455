import Koa, { type Context, type Next } from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import mysql from 'mysql2/promise';
import libxmljs from 'libxmljs';
import {
  bodyDigest,
  discoverSmartConfiguration,
  ehrClient,
  fetchReference,
  partnerClient,
  tokenCacheKey,
} from './upstream';

interface LaunchContext {
  patient?: string;
  encounter?: string;
  scope?: string;
  exp?: number;
  sub?: string;
}

const PUBLIC_ORIGIN = new URL(process.env.PUBLIC_URL ?? 'https://fhir-proxy.carebridge-health.com').origin;

const app = new Koa();
const router = new Router();

const audit = mysql.createPool({
  host: process.env.AUDIT_DB_HOST ?? 'localhost',
  user: process.env.AUDIT_DB_USER,
  password: process.env.AUDIT_DB_PASSWORD,
  database: process.env.AUDIT_DB_NAME ?? 'fhir_audit',
  connectionLimit: 5,
});

const contextCache = new Map<string, LaunchContext>();

app.use(async (ctx: Context, next: Next) => {
  const origin = ctx.get('Origin');
  if (origin) {
    ctx.set('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    ctx.set('Access-Control-Allow-Credentials', 'true');
    ctx.set('Vary', 'Origin');
  }
  if (ctx.method === 'OPTIONS') {
    ctx.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Prefer');
    ctx.set('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
    ctx.status = 204;
    return;
  }
  await next();
});

app.use(bodyParser({ enableTypes: ['json', 'text', 'xml'], extendTypes: { json: ['application/fhir+json'], xml: ['application/fhir+xml'] } }));

async function launchContext(ctx: Context, next: Next) {
  const token = ctx.get('Authorization').replace(/^Bearer\s+/i, '');
  if (!token) ctx.throw(401, 'missing bearer token');
  const key = tokenCacheKey(token);
  let launch = contextCache.get(key);
  if (!launch) {
    const [, payload] = token.split('.');
    launch = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as LaunchContext;  //@vuln CWE-347
    contextCache.set(key, launch);
  }
  if (launch.exp && launch.exp * 1000 < Date.now()) ctx.throw(401, 'token expired');
  ctx.state.launch = launch;
  ctx.state.token = token;
  await next();
}

router.get('/launch', async (ctx) => {
  const { iss, launch } = ctx.query as Record<string, string | undefined>;
  if (!iss || !launch) ctx.throw(400, 'iss and launch are required');
  try {
    const smart = await discoverSmartConfiguration(iss);
    const authorize = new URL(smart.authorization_endpoint);
    authorize.searchParams.set('response_type', 'code');
    authorize.searchParams.set('client_id', process.env.SMART_CLIENT_ID ?? 'carebridge-portal');
    authorize.searchParams.set('redirect_uri', `${PUBLIC_ORIGIN}/oauth/callback`);
    authorize.searchParams.set('launch', launch);
    authorize.searchParams.set('aud', iss);
    authorize.searchParams.set('scope', 'launch openid fhirUser patient/*.read');
    ctx.redirect(authorize.toString());  //@vuln CWE-601
  } catch (err) {
    ctx.status = 502;
    ctx.type = 'html';
    ctx.body = `<h1>Unable to start the EHR launch</h1><p>Issuer ${iss} did not respond: ${(err as Error).message}</p>`;  //@vuln CWE-79
  }
});

router.get('/oauth/callback', async (ctx) => {
  const returnTo = typeof ctx.query.return_to === 'string' ? ctx.query.return_to : '/';
  const target = new URL(returnTo, PUBLIC_ORIGIN);
  ctx.redirect(target.origin === PUBLIC_ORIGIN ? `${target.pathname}${target.search}` : '/');  //@safe
});

router.get('/fhir/_reference', launchContext, async (ctx) => {
  ctx.body = await fetchReference(String(ctx.query.ref ?? ''), ctx.state.token);
});

router.get('/partner/observations', launchContext, async (ctx) => {
  const { endpoint, code } = ctx.query as Record<string, string>;
  const { data } = await partnerClient.get(`${endpoint}/Observation`, { params: { patient: ctx.state.launch.patient, code } });  //@vuln CWE-918
  ctx.body = data;
});

router.get('/fhir/Observation/_filter', launchContext, async (ctx) => {
  const { code, match } = ctx.query as Record<string, string | undefined>;
  const { data: bundle } = await ehrClient.get('/Observation', {
    params: { patient: ctx.state.launch.patient, code, _count: 200 },
    headers: { Authorization: `Bearer ${ctx.state.token}` },
  });
  const entries: Array<{ resource: { code?: { text?: string } } }> = bundle.entry ?? [];
  const matcher = match ? new RegExp(match, 'i') : null;  //@vuln CWE-1333
  ctx.body = { ...bundle, entry: matcher ? entries.filter((e) => matcher.test(e.resource.code?.text ?? '')) : entries };
});

router.post('/fhir/:type', launchContext, async (ctx) => {
  let resource: unknown = ctx.request.body;
  if (ctx.is('application/fhir+xml', 'xml')) {
    const doc = libxmljs.parseXml(String(ctx.request.rawBody), { noent: true, noblanks: true });  //@vuln CWE-611
    resource = { resourceType: doc.root()?.name(), xml: doc.toString(false) };
  }
  const { data, status } = await ehrClient.post(`/${encodeURIComponent(ctx.params.type)}`, resource, {
    headers: { Authorization: `Bearer ${ctx.state.token}`, 'X-Body-Digest': bodyDigest(JSON.stringify(resource)) },
  });
  ctx.status = status;
  ctx.body = data;
});

router.get('/fhir/:type/:id', launchContext, async (ctx) => {
  const { type, id } = ctx.params;
  const { data } = await ehrClient.get(`/${encodeURIComponent(type)}/${encodeURIComponent(id)}`, {  //@safe
    headers: { Authorization: `Bearer ${ctx.state.token}` },
  });
  await audit.execute('INSERT INTO access_events (subject, patient, resource, accessed_at) VALUES (?, ?, ?, NOW())', [
    ctx.state.launch.sub ?? null,
    ctx.state.launch.patient ?? null,
    `${type}/${id}`,
  ]);
  ctx.body = data;
});

router.get('/audit/events', launchContext, async (ctx) => {
  const { resource, since } = ctx.query as Record<string, string | undefined>;
  let sql = `SELECT subject, resource, accessed_at FROM access_events WHERE patient = '${ctx.state.launch.patient}'`;
  if (resource) sql += ` AND resource LIKE '${resource}%'`;
  if (since) sql += ` AND accessed_at >= '${since}'`;
  const [rows] = await audit.query(sql + ' ORDER BY accessed_at DESC LIMIT 500');  //@vuln CWE-89
  ctx.body = rows;
});

app.use(router.routes()).use(router.allowedMethods());

const port = Number(process.env.PORT ?? 4100);
app.listen(port, () => console.log(`fhir-proxy listening on :${port}`));

export default app;
