'use strict';

// HTTP front door for the job pipeline: other services enqueue work here and
// poll for status. Workers live in ./workers.

const crypto = require('crypto');
const express = require('express');
const fs = require('fs');
const path = require('path');
const IORedis = require('ioredis');
const { Queue } = require('bullmq');
const config = require('../common/config');

const connection = new IORedis({ host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null });

const queues = {
  exports: new Queue('exports', { connection }),
  integrations: new Queue('integrations', { connection }),
};

const defaultJobOpts = { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: 1000, removeOnFail: 5000 };

const app = express();
app.use(express.json({ limit: '2mb' }));

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

app.post('/jobs/export', wrap(async (req, res) => {
  const { table, where, sinceDays, format = 'csv', filename, partner = false } = req.body;
  const tenantId = req.get('x-tenant-id');
  const job = await queues.exports.add('table-export', { table, where, sinceDays, format, filename, partner, tenantId }, defaultJobOpts);
  res.status(202).json({ id: job.id });
}));

app.post('/jobs/bundle', express.raw({ type: 'application/zip', limit: '50mb' }), wrap(async (req, res) => {
  const dir = path.join(config.paths.uploads, 'bundles');
  await fs.promises.mkdir(dir, { recursive: true });
  const archivePath = path.join(dir, `${crypto.randomUUID()}.zip`);
  await fs.promises.writeFile(archivePath, req.body);
  const name = req.query.kind === 'theme' ? 'theme-import' : 'bundle-import';
  const job = await queues.exports.add(name, { archivePath, tenantId: req.get('x-tenant-id') }, defaultJobOpts);
  res.status(202).json({ id: job.id });
}));

app.post('/jobs/webhook', wrap(async (req, res) => {
  const { url, event, payload, partner = false } = req.body;
  const job = await queues.integrations.add('webhook', { url, event, payload, partner: Boolean(partner) }, defaultJobOpts);
  res.status(202).json({ id: job.id });
}));

app.post('/jobs/transform', wrap(async (req, res) => {
  const { expression, rows = [], filterPattern, mapper, state, meta } = req.body;
  const job = await queues.integrations.add('transform', { expression, rows, filterPattern, mapper, state, meta }, { attempts: 1 });
  res.status(202).json({ id: job.id });
}));

// Sliding counters shared with the gateway's rate limiter.
app.post('/rate/:key/hit', wrap(async (req, res) => {
  const count = await connection.eval(`local n = redis.call('INCR', 'rate:${req.params.key}') redis.call('EXPIRE', 'rate:${req.params.key}', 60) return n`, 0); //@vuln CWE-94
  res.json({ count });
}));

app.get('/rate/:key', wrap(async (req, res) => {
  const ttl = await connection.eval("return { redis.call('GET', KEYS[1]), redis.call('TTL', KEYS[1]) }", 1, `rate:${req.params.key}`); //@safe
  res.json({ count: Number(ttl[0] || 0), ttl: ttl[1] });
}));

// Worker logs are written as <jobId>.log by the workers' pino transport.
app.get('/jobs/:id/log', (req, res) => {
  res.sendFile(path.join(config.paths.logs, `${req.params.id}.log`)); //@vuln CWE-22
});

app.get('/v2/jobs/:id/log', (req, res) => {
  res.sendFile(`${req.params.id}.log`, { root: config.paths.logs, dotfiles: 'deny' }); //@safe
});

app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

if (require.main === module) {
  app.listen(Number(process.env.PORT || 4300), () => console.log('job producer listening'));
}

module.exports = { app, queues, connection };
