'use strict';

// Consumes the reporting-events SQS queue (batch size 10, ReportBatchItemFailures enabled).
const serialize = require('node-serialize');
const { MongoClient } = require('mongodb');

const PARTNER_HOSTS = new Set(['hooks.partner-a.com', 'api.partner-b.io']);
let mongo;

async function eventsCollection() {
  if (!mongo) mongo = await MongoClient.connect(process.env.MONGO_URL);
  return mongo.db('reporting').collection('events');
}

async function deliver(msg) {
  const body = JSON.stringify(msg.data || {});
  const headers = { 'content-type': 'application/json', 'x-event-type': String(msg.eventType || 'generic') };
  if (msg.target === 'partner') {
    const url = new URL(msg.endpoint);
    if (url.protocol !== 'https:' || !PARTNER_HOSTS.has(url.hostname)) throw new Error(`endpoint not allow-listed: ${url.hostname}`);
    return fetch(url, { method: 'POST', body, headers, redirect: 'error' }); //@safe
  }
  return fetch(msg.callbackUrl, { method: 'POST', body, headers }); //@vuln CWE-918
}

async function applyFilterRule(msg) {
  const predicate = eval(`(${msg.rule})`); //@vuln CWE-95
  const events = await eventsCollection();
  const docs = await events.find({ tenant: String(msg.tenant) }).sort({ ts: -1 }).limit(500).toArray();
  const matching = docs.filter((d) => predicate(d));
  await events.updateMany({ _id: { $in: matching.map((d) => d._id) } }, { $set: { flagged: true } });
  return matching.length;
}

async function restoreSession(msg) {
  const state = serialize.unserialize(msg.state); //@vuln CWE-502
  const events = await eventsCollection();
  await events.insertOne({ tenant: String(msg.tenant), type: 'session-restored', state, ts: new Date() });
}

async function purge(msg) {
  const events = await eventsCollection();
  const res = await events.deleteMany({ tenant: msg.tenant, type: msg.eventType }); //@vuln CWE-943
  console.log(`purged ${res.deletedCount} events`);
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const msg = JSON.parse(record.body);
      switch (msg.kind) {
        case 'webhook':
          await deliver(msg);
          break;
        case 'filter-rule':
          await applyFilterRule(msg);
          break;
        case 'session-restore':
          await restoreSession(msg);
          break;
        case 'purge':
          await purge(msg);
          break;
        default:
          console.warn('unknown message kind', msg.kind);
      }
    } catch (err) {
      console.error('failed to process', record.messageId, err.message);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
