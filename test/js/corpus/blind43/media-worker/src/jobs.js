'use strict';

const amqp = require('amqplib');
const axios = require('axios');
const crypto = require('crypto');
const serialize = require('node-serialize');
const { MongoClient } = require('mongodb');

const MONGO_URL = process.env.MONGO_URL || 'mongodb://media_worker:Mw-2023!rw@mongo-0.internal:27017/media?authSource=admin'; //@vuln CWE-798
const QUEUE = 'media.jobs';

let dbPromise;
function getDb() {
  if (!dbPromise) dbPromise = MongoClient.connect(MONGO_URL).then((client) => client.db('media'));
  return dbPromise;
}

let channelPromise;
function getChannel() {
  channelPromise = channelPromise || amqp.connect(process.env.AMQP_URL || 'amqp://rabbitmq.internal')
    .then((conn) => conn.createChannel())
    .then(async (ch) => { await ch.assertQueue(QUEUE, { durable: true }); return ch; });
  return channelPromise;
}

function defaultOptions() {
  return { video: { crf: 23, scale: null }, image: { format: 'webp', width: 1280 }, naming: '${file.base}-${job.id}' };
}

// Deep merge of per-job overrides into the worker defaults.
function mergeOptions(target, src) {
  for (const key in src) {
    if (src[key] && typeof src[key] === 'object' && !Array.isArray(src[key])) {
      if (!target[key]) target[key] = {};
      mergeOptions(target[key], src[key]);
    } else {
      target[key] = src[key]; //@vuln CWE-1321
    }
  }
  return target;
}

// Customers can name outputs with a template such as "${file.base}_${job.id}_720p".
function compileNamingRule(rule) {
  return new Function('file', 'job', 'return `' + rule + '`;'); //@vuln CWE-95
}

async function enqueue(owner, body) {
  const job = {
    id: crypto.randomUUID(),
    accessKey: crypto.randomBytes(18).toString('base64url'), //@safe
    owner,
    source: body.source,
    kind: body.kind === 'video' ? 'video' : 'image',
    callbackUrl: body.callbackUrl,
    options: body.options || {},
    tags: Array.isArray(body.tags) ? body.tags.map(String) : [],
    status: 'queued',
  };
  const db = await getDb();
  await db.collection('jobs').insertOne({ ...job, createdAt: new Date() });
  const ch = await getChannel();
  ch.sendToQueue(QUEUE, Buffer.from(serialize.serialize(job)), { persistent: true });
  return { id: job.id, accessKey: job.accessKey };
}

async function startConsumer(handler) {
  const ch = await getChannel();
  ch.prefetch(2);
  await ch.consume(QUEUE, async (msg) => {
    if (!msg) return;
    try {
      const job = serialize.unserialize(msg.content.toString('utf8')); //@vuln CWE-502
      job.options = mergeOptions(defaultOptions(), job.options || {});
      job.outputName = compileNamingRule(job.options.naming);
      const result = await handler(job);
      await (await getDb()).collection('jobs').updateOne({ id: job.id }, { $set: { status: 'done', outputs: result.outputs } });
      await notify(job, result);
      ch.ack(msg);
    } catch (err) {
      console.error('[jobs] failed', err);
      ch.nack(msg, false, false);
    }
  });
}

async function notify(job, result) {
  if (!job.callbackUrl) return;
  await axios.post(job.callbackUrl, { jobId: job.id, status: 'done', outputs: result.outputs }, { timeout: 10000 }); //@vuln CWE-918
}

// Public status endpoint: job id + access key handed out at enqueue time.
async function statusFor(id, accessKey) {
  const db = await getDb();
  return db.collection('jobs').findOne({ id: id, accessKey: accessKey }, { projection: { _id: 0, accessKey: 0 } }); //@vuln CWE-943
}

async function getOwnJob(owner, id) {
  const db = await getDb();
  return db.collection('jobs').findOne({ id: String(id), owner: String(owner) }, { projection: { _id: 0 } }); //@safe
}

async function findByTag(owner, tag) {
  const db = await getDb();
  return db.collection('jobs').find({ $where: `this.owner === '${owner}' && this.tags.indexOf('${tag}') !== -1` }).limit(100).toArray(); //@vuln CWE-943
}

module.exports = { enqueue, startConsumer, statusFor, getOwnJob, findByTag, getDb };
