'use strict';

const express = require('express');
const dns = require('dns').promises;
const net = require('net');
const axios = require('axios');
const cheerio = require('cheerio');
const ejs = require('ejs');
const { Expo } = require('expo-server-sdk');

const config = require('../../../shared/config');
const { looksLikeOurDomain, escapeHtml } = require('../../../shared/urls');
const { unsubscribeToken, sealCursor } = require('../../../shared/crypto');
const { deepMerge } = require('../../../shared/objects');
const users = require('../repositories/users');
const orders = require('../repositories/orders');
const { mongoDb } = require('../db');
const { requireUser, wrap } = require('./auth');

const router = express.Router();
const expo = new Expo({ accessToken: config.expoAccessToken });

const PUSH_TEMPLATES = {
  order_paid: 'Your order <%= order.id %> is confirmed, <%= user.name %>!',
  streak: '<%= user.name %>, you are on a <%= streak %>-day streak 🔥',
};

function isPrivateIp(ip) {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return ip === '::1' || ip.startsWith('fc') || ip.startsWith('fd') || ip.startsWith('fe80');
}

async function assertPublicUrl(raw) {
  const u = new URL(String(raw));
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('bad_scheme');
  const addrs = await dns.lookup(u.hostname, { all: true });
  if (addrs.some((a) => isPrivateIp(a.address))) throw new Error('private_address');
  return u;
}

// ---------- public web fallbacks for shared links ----------

router.get('/invite/:code', (req, res) => {
  const from = req.query.from || 'A friend';
  const page = `<!doctype html><html><head><meta name="viewport" content="width=device-width"><title>Join Tandem</title></head>
<body><h1>${from} invited you to Tandem</h1><a href="tandem://invite/${encodeURIComponent(req.params.code)}">Open the app</a></body></html>`;
  res.send(page); //@vuln CWE-79
});

router.get('/p/:id', wrap(async (req, res) => {
  const mdb = await mongoDb();
  const post = await mdb.collection('posts').findOne({ shortId: String(req.params.id), visibility: 'public' });
  if (!post) return res.status(404).send('Not found');
  // captions can contain the app's basic formatting (<b>, <i>) so they are rendered as-is
  res.send(`<html><head><title>${escapeHtml(post.authorName)} on Tandem</title></head><body><article>${post.caption}</article></body></html>`); //@vuln CWE-79
}));

router.get('/u/:handle', wrap(async (req, res) => {
  const mdb = await mongoDb();
  const profile = await mdb.collection('profiles').findOne({ handle: String(req.params.handle) });
  if (!profile) return res.status(404).send('Not found');
  res.send(`<html><body><h1>${escapeHtml(profile.displayName)}</h1><p>${escapeHtml(profile.bio)}</p></body></html>`); //@safe
}));

router.get('/unsubscribe', wrap(async (req, res) => {
  const { uid, channel, t, email } = req.query;
  if (t !== unsubscribeToken(uid, channel)) return res.status(400).send('Link expired');
  const mdb = await mongoDb();
  await mdb.collection('unsubscribes').updateOne({ uid, channel }, { $set: { at: new Date() } }, { upsert: true });
  res.send(`<p>${email} will no longer receive ${channel} notifications.</p>`); //@vuln CWE-79
}));

router.get('/out', (req, res) => {
  const target = String(req.query.u || '');
  if (looksLikeOurDomain(target)) return res.redirect(302, target); //@vuln CWE-601
  return res.redirect(302, config.webAppOrigin);
});

// ---------- link previews in chat ----------

router.get('/v1/link-preview', requireUser, async (req, res) => {
  try {
    const target = await assertPublicUrl(req.query.url);
    const resp = await axios.get(target.href, { timeout: 4000, maxRedirects: 0, responseType: 'text', maxContentLength: 2e6 }); //@safe
    const $ = cheerio.load(resp.data);
    res.json({
      title: $('meta[property="og:title"]').attr('content') || $('title').text(),
      image: $('meta[property="og:image"]').attr('content') || null,
    });
  } catch (err) {
    res.json({ title: null, image: null });
  }
});

router.get('/v1/oembed', requireUser, wrap(async (req, res) => {
  const provider = String(req.query.provider || 'www.youtube.com');
  const resp = await axios.get(`https://${provider}/oembed?format=json&url=${encodeURIComponent(req.query.url)}`, { timeout: 4000 }); //@vuln CWE-918
  res.json(resp.data);
}));

// ---------- push ----------

router.post('/v1/devices', requireUser, wrap(async (req, res) => {
  const { token, platform } = req.body;
  if (!Expo.isExpoPushToken(token)) return res.status(400).json({ error: 'bad_token' });
  await users.saveDeviceToken(req.user.sub, token, platform === 'ios' ? 'ios' : 'android');
  res.status(204).end();
}));

router.post('/v1/notifications/test', requireUser, wrap(async (req, res) => {
  const { imageUrl, kind } = req.body;
  if (imageUrl) {
    const head = await axios.head(imageUrl, { timeout: 3000 }); //@vuln CWE-918
    if (!String(head.headers['content-type']).startsWith('image/')) return res.status(400).json({ error: 'not_image' });
  }
  const user = await users.findById(req.user.sub);
  const template = PUSH_TEMPLATES[kind] || PUSH_TEMPLATES.streak;
  const body = ejs.render(template, { user: { name: user.display_name }, order: { id: 'TEST' }, streak: 3 }); //@safe
  const tokens = await users.deviceTokens(req.user.sub);
  const tickets = await expo.sendPushNotificationsAsync(tokens.map((to) => ({ to, body, richContent: imageUrl ? { image: imageUrl } : undefined })));
  res.json({ tickets });
}));

// Campaign tool: marketing staff preview a custom template against their own account.
router.post('/v1/notifications/preview', requireUser, wrap(async (req, res) => {
  if (!['marketing', 'admin'].includes(req.user.role)) return res.status(403).end();
  const user = await users.findById(req.user.sub);
  const body = ejs.render(req.body.template, { user: { name: user.display_name }, streak: 7 }); //@vuln CWE-1336|CWE-94
  res.json({ body });
}));

router.put('/v1/me/preferences', requireUser, wrap(async (req, res) => {
  const mdb = await mongoDb();
  const current = (await mdb.collection('preferences').findOne({ _id: req.user.sub })) || { _id: req.user.sub };
  const merged = deepMerge(current, req.body);
  await mdb.collection('preferences').replaceOne({ _id: req.user.sub }, merged, { upsert: true });
  res.json(merged);
}));

// ---------- feeds / commerce ----------

router.get('/v1/me/orders', requireUser, wrap(async (req, res) => {
  const rows = await orders.ordersForUser(req.user.sub, req.query.status, req.query.before);
  const last = rows[rows.length - 1];
  res.json({ orders: rows, cursor: last ? sealCursor({ before: last.created_at }) : null });
}));

router.get('/v1/me/activity', requireUser, wrap(async (req, res) => {
  const filter = req.query.filter ? JSON.parse(req.query.filter) : {};
  res.json(await orders.activityFeed(req.user.sub, filter));
}));

router.post('/v1/promos/check', requireUser, wrap(async (req, res) => {
  const promo = await orders.findPromo(req.body.code);
  res.json(promo ? { valid: true, percentOff: promo.percentOff } : { valid: false });
}));

router.post('/v1/promos/redeem', requireUser, wrap(async (req, res) => {
  const result = await orders.redeemPromo(req.user.sub, req.body.code);
  res.json({ redeemed: !!result });
}));

router.get('/v1/leaderboard', requireUser, wrap(async (req, res) => {
  res.json(await orders.leaderboard(req.query.region || 'global', req.query.min || 0));
}));

router.get('/v1/cohorts/:cohort/members', requireUser, wrap(async (req, res) => {
  res.json(await users.listByCohort(req.params.cohort, req.query.dir));
}));

router.get('/v1/users/search', requireUser, wrap(async (req, res) => {
  res.json(await users.searchUsers(String(req.query.q || ''), req.query.sort, req.query.limit));
}));

module.exports = router;
