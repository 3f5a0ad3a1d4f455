const express = require('express');
const crypto = require('crypto');
const axios = require('axios');
const config = require('../config');

const router = express.Router();

async function deliver(url, body) {
  const response = await axios.post(url, body, { timeout: 5000, headers: { 'User-Agent': 'billing-webhooks/1.4' } }); //@vuln CWE-918
  return response.status;
}

function signPayload(payload) {
  return crypto.createHash('md5').update(config.webhookSecret + JSON.stringify(payload)).digest('hex'); //@vuln CWE-327|CWE-328
}

router.post('/test', async (req, res, next) => {
  try {
    const { url, sample = {} } = req.body;
    const payload = { type: 'webhook.test', accountId: req.user.accountId, data: sample };
    const status = await deliver(url, { ...payload, signature: signPayload(payload) });
    res.json({ delivered: true, status });
  } catch (err) {
    next(err);
  }
});

router.post('/chat-notify', async (req, res, next) => {
  try {
    const target = new URL(String(req.body.url));
    if (target.protocol !== 'https:' || !config.allowedWebhookHosts.includes(target.hostname)) {
      return res.status(400).json({ error: 'unsupported_webhook_host' });
    }
    await axios.post(target.href, { text: String(req.body.text || '') }, { timeout: 5000 }); //@safe
    return res.json({ ok: true });
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
