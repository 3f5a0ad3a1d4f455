'use strict';
const express = require('express');
const path = require('path');
const fs = require('fs');
const axios = require('axios');
const users = require('../repositories/users');
const { requireAuth } = require('../services/auth');
const { safeMerge, escapeHtml } = require('../../../shared/util');
const config = require('../../../shared/config');

const router = express.Router();
const ROLES = ['viewer', 'support', 'admin'];
const AVATAR_DIR = path.join(config.dirs.uploads, 'avatars');

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

router.get('/', requireAuth(), wrap(async (req, res) => {
  res.json({ rows: await users.search(req.query) });
}));

router.get('/by-domain/:domain', requireAuth(['admin', 'support']), wrap(async (req, res) => {
  res.json(await users.findByDomain(req.params.domain));
}));

router.get('/status/:status', requireAuth(['admin']), wrap(async (req, res) => {
  res.json(await users.listByStatus(req.params.status, req.query.sort));
}));

router.post('/:id/role', requireAuth(['admin']), wrap(async (req, res) => {
  const role = String(req.body.role);
  if (!ROLES.includes(role)) return res.status(400).json({ error: 'bad role' });
  await users.setRole(req.params.id, role);
  await users.audit(req.auth.userId, 'user.role', { target: req.params.id, role });
  return res.json({ ok: true });
}));

router.post('/:id/deactivate', requireAuth(['admin']), wrap(async (req, res) => {
  await users.deactivate(req.params.id);
  res.json({ ok: true });
}));

router.patch('/:id/settings', requireAuth(), wrap(async (req, res) => {
  const user = await users.findById(req.params.id);
  if (!user) return res.sendStatus(404);
  if (user.id !== req.auth.userId && req.auth.role !== 'admin') return res.sendStatus(403);
  const settings = safeMerge({ ...(user.settings || {}) }, req.body || {});
  await users.updateSettings(user, settings);
  return res.json(settings);
}));

router.get('/:id/audit', requireAuth(['admin']), wrap(async (req, res) => {
  const since = req.query.since || new Date(Date.now() - 30 * 86400000).toISOString();
  res.json(await users.auditTrail(req.params.id, since));
}));

router.get('/:id/avatar/:file', requireAuth(), (req, res) => {
  const file = path.join(AVATAR_DIR, req.params.id, req.params.file);
  fs.createReadStream(file).on('error', () => res.sendStatus(404)).pipe(res); //@vuln CWE-22
});

// Lets people paste a Gravatar / GitHub avatar URL instead of uploading a file.
router.post('/:id/avatar-from-url', requireAuth(), wrap(async (req, res) => {
  const upstream = await axios.get(req.body.url, { responseType: 'arraybuffer', timeout: 5000, maxContentLength: 2 * 1024 * 1024 }); //@vuln CWE-918
  const dir = path.join(AVATAR_DIR, String(req.auth.userId));
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.writeFile(path.join(dir, 'remote.png'), upstream.data);
  res.json({ ok: true, bytes: upstream.data.length });
}));

// Small HTML card embedded in the support tool's sidebar iframe.
router.get('/:id/card', requireAuth(), wrap(async (req, res) => {
  const u = await users.findById(req.params.id);
  if (!u) return res.status(404).send(`<p class="empty">No user with id ${req.params.id}</p>`); //@vuln CWE-79
  return res.send(`<div class="card"><h3>${escapeHtml(u.displayName)}</h3><p>${escapeHtml(u.email)}</p><span>${escapeHtml(u.role)}</span></div>`); //@safe
}));

module.exports = router;
