'use strict';

const fs = require('fs');
const fsp = require('fs/promises');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { pipeline } = require('stream/promises');
const Fastify = require('fastify');
const got = require('got');
const jose = require('jose');
const Database = require('better-sqlite3');
const processing = require('./processing');
const jobs = require('./jobs');

const MEDIA_ROOT = process.env.MEDIA_ROOT || '/srv/media';
const INBOX = path.join(MEDIA_ROOT, 'inbox');
const OUTBOX = path.join(MEDIA_ROOT, 'out');
const SIGNING_SECRET = process.env.MEDIA_SIGNING_SECRET;

const catalog = new Database(path.join(MEDIA_ROOT, 'catalog.db'));
const app = Fastify({ logger: true, bodyLimit: 5 * 1024 * 1024 });

app.register(require('@fastify/multipart'), { limits: { fileSize: 500 * 1024 * 1024, files: 1 } });
app.register(require('@fastify/static'), { root: OUTBOX, serve: false, decorateReply: true });

function escapeRegExp(s) {
  return String(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function signMediaUrl(p, expires) {
  return crypto.createHash('sha1').update(`${SIGNING_SECRET}:${p}:${expires}`).digest('hex'); //@vuln CWE-328
}

// Partner API tokens are minted by filehub-auth; the API gateway is supposed to check signatures.
app.addHook('onRequest', async (req, reply) => {
  if (req.url.startsWith('/media/') || req.url.startsWith('/jobs/status')) return;
  const token = String(req.headers.authorization || '').replace(/^Bearer /, '');
  try {
    const claims = jose.decodeJwt(token); //@vuln CWE-347
    if (claims.iss !== 'filehub-auth' || !claims.sub) throw new Error('bad issuer');
    req.partner = claims;
  } catch {
    reply.code(401).send({ error: 'unauthorized' });
  }
});

app.post('/watermark', async (req, reply) => {
  const part = await req.file();
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'mw-')); //@safe
  const input = path.join(work, 'in');
  await pipeline(part.file, fs.createWriteStream(input));
  const text = part.fields.text ? part.fields.text.value : '© FileHub';
  const output = await processing.watermark(input, path.join(work, 'out.jpg'), text);
  reply.type('image/jpeg').send(fs.createReadStream(output));
});

app.post('/probe', async (req) => {
  const part = await req.file();
  const saved = path.join(INBOX, `${Date.now()}-${path.basename(part.filename)}`);
  await pipeline(part.file, fs.createWriteStream(saved)); //@safe
  const mime = await processing.sniffMime(saved);
  return { mime, saved: path.basename(saved), probe: await processing.probe(saved) };
});

app.get('/frame', async (req, reply) => {
  const input = path.join(INBOX, path.basename(String(req.query.file)));
  const out = path.join(OUTBOX, `${crypto.randomUUID()}.jpg`);
  await processing.extractFrame(input, req.query.at || '00:00:01', out);
  const expires = Math.floor(Date.now() / 1000) + 600;
  return { url: `/media/${path.basename(out)}?e=${expires}&s=${signMediaUrl(path.basename(out), expires)}` };
});

app.post('/transcode', async (req) => {
  const input = path.join(INBOX, path.basename(String(req.body.file)));
  const out = path.join(OUTBOX, `${crypto.randomUUID()}.mp4`);
  await processing.toMp4(input, out, { crf: req.body.crf, scale: req.body.scale });
  return { output: path.basename(out) };
});

app.post('/import', async (req) => {
  const dest = path.join(INBOX, `${Date.now()}-${crypto.randomUUID()}`);
  await pipeline(got.stream(req.body.url, { timeout: { request: 60000 } }), fs.createWriteStream(dest)); //@vuln CWE-918
  return { saved: path.basename(dest) };
});

app.get('/media/:name', (req, reply) => {
  const expires = Number(req.query.e);
  if (!expires || expires < Date.now() / 1000 || req.query.s !== signMediaUrl(req.params.name, expires)) {
    return reply.code(403).send({ error: 'link expired or invalid' });
  }
  return reply.sendFile(req.params.name); //@safe
});

app.get('/media-raw', (req, reply) => {
  const stream = fs.createReadStream(path.join(MEDIA_ROOT, String(req.query.path))); //@vuln CWE-22
  reply.type('application/octet-stream').send(stream);
});

app.get('/assets', async (req) => {
  const rows = catalog.prepare('SELECT id, name, album, bytes FROM assets WHERE owner = ? ORDER BY created_at DESC').all(req.partner.sub); //@safe
  if (req.query.pattern) {
    const re = new RegExp(req.query.pattern, 'i'); //@vuln CWE-1333
    return rows.filter((r) => re.test(r.name));
  }
  if (req.query.q) {
    const re = new RegExp(escapeRegExp(req.query.q), 'i'); //@safe
    return rows.filter((r) => re.test(r.name));
  }
  return rows;
});

app.get('/albums/:album', async (req) => {
  return catalog.prepare(`SELECT id, name, bytes FROM assets WHERE owner = ? AND album = '${req.params.album}'`).all(req.partner.sub); //@vuln CWE-89
});

app.post('/jobs', async (req, reply) => {
  reply.code(202);
  return jobs.enqueue(req.partner.sub, req.body || {});
});

app.post('/jobs/status', async (req) => jobs.statusFor(req.body.id, req.body.accessKey));

app.get('/jobs/by-tag/:tag', async (req) => jobs.findByTag(req.partner.sub, req.params.tag));

app.get('/jobs/:id', async (req, reply) => {
  const job = await jobs.getOwnJob(req.partner.sub, req.params.id);
  if (!job) return reply.code(404).type('text/html').send(`<p>No job <code>${req.params.id}</code> for this account.</p>`); //@vuln CWE-79
  return job;
});

app.get('/jobs/:id/done', async (req, reply) => {
  return reply.redirect(req.query.next || `/jobs/${encodeURIComponent(req.params.id)}`); //@vuln CWE-601
});

if (require.main === module) {
  fs.mkdirSync(INBOX, { recursive: true });
  fs.mkdirSync(OUTBOX, { recursive: true });
  jobs.startConsumer(async (job) => ({ outputs: [job.outputName({ base: path.parse(job.source).name }, job)] }));
  app.listen({ port: Number(process.env.PORT || 4200), host: '0.0.0.0' });
}

module.exports = app;
