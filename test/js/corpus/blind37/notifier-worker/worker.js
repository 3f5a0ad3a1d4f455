'use strict';

const { connect, JSONCodec } = require('nats');
const { createClient } = require('redis');

const config = require('../shared/config');
const { escapeRegex, safeMerge } = require('../shared/util');
const handlers = require('./handlers');

const jc = JSONCodec();

const ROUTES = {
  'notify.email': handlers.sendEmail,
  'notify.digest': handlers.sendDigest,
  'notify.sms': handlers.sendSms,
  'notify.webhook': handlers.deliverWebhook,
  'notify.partner': handlers.deliverPartnerEvent,
  'notify.export': handlers.buildExport,
};

const settings = { timeoutMs: 5000, templates: { locale: 'en' } };

async function handleNats(nc) {
  const sub = nc.subscribe('notify.>', { queue: 'notifier' });
  for await (const m of sub) {
    const handler = ROUTES[m.subject];
    if (!handler) {
      console.warn(`[notifier] no handler for ${m.subject}`);
      continue;
    }
    try {
      const result = await handler(jc.decode(m.data));
      if (m.reply) m.respond(jc.encode({ ok: true, result }));
    } catch (err) {
      // core NATS: no redelivery, the publisher decides whether to retry
      console.error(`[notifier] ${m.subject} failed: ${err.message}`);
      if (m.reply) m.respond(jc.encode({ ok: false, error: err.message }));
    }
  }
}

async function handleRedis(cache) {
  const sub = cache.duplicate();
  await sub.connect();

  // cache:invalidate  { prefix }  — drop cached rendered templates for a tenant
  await sub.subscribe('cache:invalidate', async (raw) => {
    const { prefix } = JSON.parse(raw);
    const matcher = new RegExp('^tpl:' + escapeRegex(prefix)); //@safe
    for await (const key of cache.scanIterator({ MATCH: 'tpl:*', COUNT: 200 })) {
      if (matcher.test(key)) await cache.del(key);
    }
  });

  // cache:purge-matching  { pattern }  — ops tooling sends a regex
  await sub.subscribe('cache:purge-matching', async (raw) => {
    const { pattern } = JSON.parse(raw);
    const matcher = new RegExp(pattern); //@vuln CWE-1333
    let n = 0;
    for await (const key of cache.scanIterator({ COUNT: 500 })) {
      if (matcher.test(key)) { await cache.del(key); n++; }
    }
    console.log(`[notifier] purged ${n} keys`);
  });

  // config:reload  { settings, formatter }
  await sub.subscribe('config:reload', (raw) => {
    const update = JSON.parse(raw);
    safeMerge(settings, update.settings || {});
    if (update.formatter) {
      settings.format = eval('(' + update.formatter + ')'); //@vuln CWE-95
    }
    console.log('[notifier] settings reloaded');
  });
}

async function main() {
  const nc = await connect({ servers: config.nats.servers, name: 'notifier-worker', token: process.env.NATS_TOKEN || 'nats-notifier-7Gh2kQ9pX' }); //@vuln CWE-798
  const cache = createClient({ url: config.redisUrl });
  await cache.connect();

  await handleRedis(cache);
  console.log('[notifier] subscribed to notify.> and redis control channels');
  await handleNats(nc);
}

main().catch((err) => {
  console.error('[notifier] fatal', err);
  process.exit(1);
});
