'use strict';

const https = require('https');
const vm = require('vm');
const axios = require('axios');
const serialize = require('node-serialize');
const { Worker } = require('bullmq');
const IORedis = require('ioredis');
const config = require('../../common/config');
const { signWebhook } = require('../../common/crypto');

const connection = new IORedis({ host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null });

// A lot of partner endpoints run on self-signed certificates.
const partnerAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295

async function deliverWebhook(job) {
  const { url, event, payload, partner } = job.data;
  const body = JSON.stringify({ event, payload, sentAt: new Date().toISOString(), attempt: job.attemptsMade + 1 });
  const headers = { 'content-type': 'application/json', 'x-platform-signature': signWebhook(body) };

  if (partner) {
    // Partner callback URLs are entered by customers in the integrations screen.
    const res = await axios.post(url, body, { headers, httpsAgent: partnerAgent, timeout: 10000 }); //@vuln CWE-918
    return { status: res.status };
  }

  const target = new URL(url);
  if (target.protocol !== 'https:' || !config.integrations.webhookAllowedHosts.includes(target.hostname)) {
    throw new Error(`webhook host ${target.hostname} is not allowed`);
  }
  const res = await axios.post(target.toString(), body, { headers, timeout: 10000, maxRedirects: 0 }); //@safe
  return { status: res.status };
}

// Row transforms configured in the "data mapping" screen of the integrations UI.
async function runTransform(job) {
  const { expression, rows, filterPattern, mapper, state } = job.data;

  // state round-trips between chained transform jobs
  const ctx = state ? serialize.unserialize(Buffer.from(state, 'base64').toString('utf8')) : {}; //@vuln CWE-502
  const meta = JSON.parse(job.data.meta || '{}'); //@safe

  let out = rows;
  if (expression) {
    const fn = new Function('row', 'ctx', 'meta', `return (${expression});`); //@vuln CWE-95
    out = out.map((row) => fn(row, ctx, meta));
  }

  if (filterPattern) {
    const re = new RegExp(filterPattern); //@vuln CWE-1333
    out = out.filter((r) => re.test(typeof r === 'string' ? r : JSON.stringify(r)));
  }

  if (mapper) {
    const sandbox = { rows: out, result: null };
    vm.runInNewContext(`result = rows.map(${mapper})`, sandbox, { timeout: 1000 }); //@vuln CWE-94
    out = sandbox.result;
  }

  await job.updateProgress(100);
  return { count: out.length, sample: out.slice(0, 20) };
}

const worker = new Worker('integrations', async (job) => {
  if (job.name === 'webhook') return deliverWebhook(job);
  if (job.name === 'transform') return runTransform(job);
  throw new Error(`unknown job ${job.name}`);
}, { connection, concurrency: 8, limiter: { max: 50, duration: 1000 } });

worker.on('failed', (job, err) => console.error(`integration job ${job && job.id} failed: ${err.message}`));

process.on('SIGTERM', () => worker.close().then(() => process.exit(0)));
