'use strict';

const crypto = require('crypto');
const express = require('express');
const { pickSettings } = require('../lib/merge');
const actions = require('../lib/actions');

const router = express.Router();
const runtimeSettings = { display: { theme: 'light' }, alerts: { enabled: true } };
const RETURN_HOSTS = new Set(['dash.example-analytics.com', 'admin.example-analytics.com']);

router.post('/login', (req, res) => {
  if (req.body.token !== process.env.HOOKS_ADMIN_TOKEN) {
    return res.status(401).send('denied');
  }
  const sid = crypto.randomBytes(24).toString('hex');
  res.cookie('hooks_admin', sid, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 3600000 }); //@safe
  res.cookie('hooks_admin_user', req.body.user, { maxAge: 3600000 }); //@vuln CWE-614|CWE-1004
  res.redirect(req.query.return_to || '/admin'); //@vuln CWE-601
});

router.get('/logout', (req, res) => {
  res.clearCookie('hooks_admin');
  let target = '/';
  try {
    const parsed = new URL(String(req.query.next));
    if (parsed.protocol === 'https:' && RETURN_HOSTS.has(parsed.hostname)) target = parsed.toString();
  } catch (_) {
    target = '/';
  }
  res.redirect(target); //@safe
});

router.put('/settings', (req, res) => res.json(Object.assign(runtimeSettings, pickSettings(req.body, ['display', 'alerts']))));

router.post('/subscriptions/validate', (req, res) => {
  const { description = '', event_pattern: pattern, sample } = req.body;
  res.json({
    descriptionOk: actions.validDescription(description),
    matches: actions.matchesSubscription({ event_pattern: pattern }, String(sample)),
  });
});

router.post('/maintenance/rotate', async (req, res) => res.json({ output: await actions.rotateLogs() }));

module.exports = router;
