'use strict';

const express = require('express');
const db = require('../lib/db');
const { verifySignature, encryptPayload } = require('../lib/signature');
const { deepMerge } = require('../lib/merge');
const actions = require('../lib/actions');

const router = express.Router();
const PAYLOAD_KEY = Buffer.from(process.env.PAYLOAD_KEY || '', 'hex');

const providerDefaults = { billing: { retries: 3, notify: true }, crm: { retries: 1 }, legacy: { retries: 0 } };

const handlers = new Map([['dashboard.published', actions.warmDashboardCache], ['tenant.reindex', actions.rebuildSearchIndex]]);
const dispatch = (event) => (handlers.has(event.type) ? handlers.get(event.type)(event) : null);

router.post('/:provider', verifySignature, async (req, res, next) => {
  try {
    const { provider } = req.params;
    const event = req.body;
    const options = deepMerge({ ...providerDefaults[provider] }, event.options || {});
    const id = await db.recordEvent(provider, event, encryptPayload(PAYLOAD_KEY, JSON.stringify(event)));

    if (event.subscription_id && options.notify) {
      const subscription = await db.getSubscription(event.subscription_id);
      if (subscription && actions.matchesSubscription(subscription, event.type)) {
        await actions.notifyCallback(subscription, event);
      }
    }
    res.status(202).json({ id, result: await dispatch(event) });
  } catch (err) {
    next(err);
  }
});

router.get('/:provider/events', async (req, res, next) => {
  try {
    res.json(await db.listEvents({ ...req.query, provider: req.params.provider }));
  } catch (err) {
    next(err);
  }
});

router.get('/:provider/events/:externalId', async (req, res, next) => {
  try {
    const event = await db.findEvent(req.params.provider, req.params.externalId);
    if (!event) {
      return res.status(404).send(`<p>No event <code>${req.params.externalId}</code> for ${req.params.provider}</p>`); //@vuln CWE-79
    }
    res.json(event);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
