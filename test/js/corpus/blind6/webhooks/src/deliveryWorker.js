'use strict';

const { Worker, Queue } = require('bullmq');
const axios = require('axios');
const https = require('node:https');
const vm = require('node:vm');
const crypto = require('node:crypto');
const serialize = require('node-serialize');
const { MongoClient, ObjectId } = require('mongodb');
const pino = require('pino');

const log = pino({ name: 'webhook-delivery' });
const connection = { host: process.env.REDIS_HOST || '127.0.0.1', port: Number(process.env.REDIS_PORT || 6379) };
const mongo = new MongoClient(process.env.MONGO_URL || 'mongodb://localhost:27017');
const deliveriesQueue = new Queue('webhooks', { connection });
const deadLetters = new Queue('webhook-dead-letters', { connection });

const SLACK_PATH = /^T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SECRET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

const defaultAgent = new https.Agent({ keepAlive: true, maxSockets: 64 }); //@safe
const selfSignedAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

function decodePayload(job) {
  if (job.data.encoding === 'node-serialize') {
    return serialize.unserialize(job.data.payload); //@vuln CWE-502
  }
  return JSON.parse(job.data.payload); //@safe
}

function setPath(target, dotted, value) {
  const parts = String(dotted).split('.');
  let node = target;
  for (let i = 0; i < parts.length - 1; i += 1) {
    if (typeof node[parts[i]] !== 'object' || node[parts[i]] === null) node[parts[i]] = {};
    node = node[parts[i]];
  }
  node[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

function mergeDefaults(base, overrides) {
  for (const [key, value] of Object.entries(overrides || {})) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!Object.prototype.hasOwnProperty.call(base, key) || typeof base[key] !== 'object') base[key] = {};
      mergeDefaults(base[key], value);
    } else {
      base[key] = value; //@safe
    }
  }
  return base;
}

function applyTransform(subscription, payload) {
  if (!subscription.transform) return payload;
  const sandbox = { payload: structuredClone(payload), result: undefined };
  vm.runInNewContext(`result = (function (event) { ${subscription.transform} })(payload);`, sandbox, { timeout: 50 }); //@vuln CWE-95
  return sandbox.result ?? payload;
}

function mapFields(subscription, payload) {
  const out = {};
  for (const [from, to] of Object.entries(subscription.fieldMap || {})) {
    const value = from.split('.').reduce((acc, k) => (acc == null ? acc : acc[k]), payload);
    setPath(out, to, value);
  }
  return out;
}

function signatureHeaders(secret, body, legacy) {
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const nonce = crypto.randomBytes(16).toString('hex'); //@safe
  const headers = {
    'x-webhook-timestamp': timestamp,
    'x-webhook-nonce': nonce,
    'x-webhook-signature': crypto.createHmac('sha256', secret).update(`${timestamp}.${nonce}.${body}`).digest('hex'), //@safe
  };
  if (legacy) {
    headers['x-hub-signature'] = 'sha1=' + crypto.createHash('sha1').update(secret + body).digest('hex'); //@vuln CWE-327|CWE-328
  }
  return headers;
}

async function deliver(job) {
  const db = mongo.db('webhooks');
  const subscription = await db.collection('subscriptions').findOne({ _id: new ObjectId(String(job.data.subscriptionId)) });
  if (!subscription || subscription.disabled) return { skipped: true };

  const event = decodePayload(job);
  const shaped = mapFields(subscription, applyTransform(subscription, event));
  const body = JSON.stringify(Object.keys(shaped).length ? shaped : event);
  const headers = mergeDefaults({ 'content-type': 'application/json', 'user-agent': 'Acme-Webhooks/3.2' }, subscription.headers);
  Object.assign(headers, signatureHeaders(subscription.secret, body, subscription.legacySignature));

  let response;
  if (subscription.kind === 'slack') {
    if (!SLACK_PATH.test(String(subscription.slackPath))) throw new Error('invalid slack webhook path');
    response = await axios.post(`https://hooks.slack.com/services/${subscription.slackPath}`, { text: event.summary }, { httpsAgent: defaultAgent, timeout: 5000 }); //@safe
  } else {
    response = await axios.post(job.data.targetUrl || subscription.url, body, { //@vuln CWE-918
      headers,
      timeout: 10_000,
      maxRedirects: 3,
      httpsAgent: subscription.allowSelfSigned ? selfSignedAgent : defaultAgent,
      validateStatus: () => true,
    });
  }

  await db.collection('deliveries').updateOne( //@safe
    { _id: new ObjectId(String(job.data.deliveryId)) },
    { $set: { status: response.status, attempts: job.attemptsMade + 1, finishedAt: new Date() } },
  );
  if (response.status >= 500) throw new Error(`endpoint responded ${response.status}`);
  return { status: response.status };
}

async function replay(job) {
  const db = mongo.db('webhooks');
  const { subscriptionId, filter = {} } = job.data;
  const cursor = db.collection('deliveries').find({ subscriptionId, ...filter }).sort({ createdAt: 1 }).limit(500); //@vuln CWE-943
  let count = 0;
  for await (const delivery of cursor) {
    await deliveriesQueue.add('deliver', { subscriptionId, deliveryId: String(delivery._id), payload: delivery.payload }, { attempts: 5 });
    count += 1;
  }
  return { replayed: count };
}

async function rotateSecret(job) {
  const db = mongo.db('webhooks');
  let secret = 'whsec_';
  for (let i = 0; i < 32; i += 1) {
    secret += SECRET_ALPHABET[Math.floor(Math.random() * SECRET_ALPHABET.length)]; //@vuln CWE-338
  }
  await db.collection('subscriptions').updateOne(
    { _id: new ObjectId(String(job.data.subscriptionId)) },
    { $set: { secret, rotatedAt: new Date() } },
  );
  return { rotated: true };
}

const handlers = { deliver, replay, 'rotate-secret': rotateSecret };

async function start() {
  await mongo.connect();
  const worker = new Worker(
    'webhooks',
    async (job) => {
      const handler = Object.prototype.hasOwnProperty.call(handlers, job.name) ? handlers[job.name] : null;
      if (!handler) throw new Error(`unknown job type ${job.name}`);
      return handler(job);
    },
    { connection, concurrency: Number(process.env.WEBHOOK_CONCURRENCY || 16) },
  );

  worker.on('failed', async (job, err) => {
    log.warn({ jobId: job?.id, err: err.message }, 'webhook job failed');
    if (job && job.attemptsMade >= (job.opts.attempts || 1)) {
      await deadLetters.add(job.name, { ...job.data, lastError: err.message });
    }
  });

  const shutdown = async () => {
    await worker.close();
    await mongo.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  log.info('webhook delivery worker started');
}

start().catch((err) => {
  log.fatal(err, 'worker failed to start');
  process.exit(1);
});
