'use strict';

const express = require('express');
const https = require('https');
const axios = require('axios');
const Stripe = require('stripe');
const twilio = require('twilio');
const libxmljs = require('libxmljs2');
const yaml = require('js-yaml');
const serialize = require('node-serialize');

const config = require('../../../shared/config');
const { signPayload, safeEqual } = require('../../../shared/crypto');
const { safeMerge } = require('../../../shared/objects');
const orders = require('../repositories/orders');
const users = require('../repositories/users');
const { mongoDb } = require('../db');

const router = express.Router();
const stripe = Stripe(config.stripe.secretKey, { apiVersion: '2023-10-16' });

// Carrier gateway presents a cert for *.smsroute.local on its public address.
const carrierAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

async function notifyMerchant(merchantId, event) {
  const hooks = await orders.merchantIntegrations(merchantId);
  const body = JSON.stringify(event);
  await Promise.allSettled(
    hooks.map((hook) =>
      axios.post(hook.url, body, { timeout: 5000, headers: { 'content-type': 'application/json', 'x-tandem-signature': signPayload(body, hook.secret) } }) //@vuln CWE-918
    )
  );
}

router.post('/stripe', express.raw({ type: 'application/json' }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature'), config.stripe.webhookSecret);
  } catch (err) {
    return res.status(400).send('bad signature');
  }
  try {
    if (event.type === 'checkout.session.completed') {
      const session = event.data.object;
      const order = await orders.markPaid(session.id, session.amount_total, session.payment_intent);
      if (order && order.merchant_id) {
        await notifyMerchant(order.merchant_id, { type: 'order.paid', orderId: order.id });
      }
    }
    res.json({ received: true });
  } catch (err) {
    console.error('stripe webhook failed', event.id, err);
    res.status(500).end();
  }
});

router.post('/twilio/sms', express.urlencoded({ extended: false }), async (req, res) => {
  const url = `${config.publicBaseUrl}/webhooks/twilio/sms`;
  if (!twilio.validateRequest(config.twilio.authToken, req.get('x-twilio-signature') || '', url, req.body)) {
    return res.status(403).end();
  }
  const body = String(req.body.Body || '').trim().toUpperCase();
  if (body === 'STOP') {
    const user = await users.findByPhone(req.body.From);
    if (user) {
      const mdb = await mongoDb();
      await mdb.collection('sms_optouts').updateOne({ userId: user.id }, { $set: { at: new Date() } }, { upsert: true });
    }
  }
  const twiml = new twilio.twiml.MessagingResponse();
  res.type('text/xml').send(twiml.toString());
});

// Delivery reports from the SMS carrier (XML over HTTPS, no signature).
router.post('/carrier/dlr', express.text({ type: ['application/xml', 'text/xml'], limit: '256kb' }), async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, dtdload: true }); //@vuln CWE-611
  const reports = doc.find('//report').map((r) => ({
    messageId: r.attr('id') && r.attr('id').value(),
    status: r.get('status') && r.get('status').text(),
  }));
  const mdb = await mongoDb();
  if (reports.length) await mdb.collection('sms_dlr').insertMany(reports.map((r) => ({ ...r, at: new Date() })));
  await axios.post(config.carrier.dlrUrl + '/ack', { count: reports.length }, { httpsAgent: carrierAgent, timeout: 3000 });
  res.status(204).end();
});

// v2 carrier endpoint (new contract) - same payload, parser locked down.
router.post('/carrier/v2/dlr', express.text({ type: ['application/xml', 'text/xml'], limit: '256kb' }), async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true, dtdload: false }); //@safe
  const ids = doc.find('//report/@id').map((a) => a.value());
  res.json({ accepted: ids.length });
});

// Legacy analytics partner posts serialized event batches.
router.post('/partner/events', express.text({ type: '*/*', limit: '512kb' }), async (req, res) => {
  const batch = serialize.unserialize(req.body); //@vuln CWE-502
  if (!batch || !safeEqual(batch.partnerKey, process.env.PARTNER_EVENTS_KEY)) return res.status(401).end();
  const mdb = await mongoDb();
  await mdb.collection('partner_events').insertMany((batch.events || []).slice(0, 500));
  res.status(202).end();
});

// Headless CMS pushes remote-config documents as YAML.
router.post('/cms/remote-config', express.text({ type: ['text/yaml', 'application/x-yaml'] }), async (req, res) => {
  const doc = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  if (!safeEqual(req.get('x-cms-token'), process.env.CMS_WEBHOOK_TOKEN)) return res.status(401).end();
  const mdb = await mongoDb();
  await mdb.collection('remote_config').updateOne({ _id: doc.key }, { $set: { value: doc.value, at: new Date() } }, { upsert: true });
  res.status(204).end();
});

router.post('/cms/copy', express.text({ type: ['text/yaml', 'application/x-yaml'] }), async (req, res) => {
  if (!safeEqual(req.get('x-cms-token'), process.env.CMS_WEBHOOK_TOKEN)) return res.status(401).end();
  const strings = yaml.safeLoad(req.body); //@safe
  const copy = safeMerge({ locale: 'en', strings: {} }, strings);
  const mdb = await mongoDb();
  await mdb.collection('copy').updateOne({ _id: copy.locale }, { $set: copy }, { upsert: true });
  res.status(204).end();
});

module.exports = router;
