'use strict';

const express = require('express');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { exec, execSync, spawn } = require('child_process');
const axios = require('axios');
const mongoose = require('mongoose');
const yaml = require('js-yaml'); // pinned to 3.x, the partner configs use !!timestamp tags
const pug = require('pug');
const { config } = require('@stayhub/common/dist/config');
const { mergeFeedDefaults } = require('@stayhub/common/dist/utils');

const router = express.Router();

const StaffInvite = mongoose.models.StaffInvite || mongoose.model('StaffInvite', new mongoose.Schema({ email: String, codeHash: String, otp: Number, invitedBy: String, expiresAt: Date }, { timestamps: true }));

const GIT_SHA = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: __dirname, encoding: 'utf8' }).trim(); //@safe
  } catch (e) {
    return 'unknown';
  }
})();

router.get('/version', (_req, res) => res.json({ sha: GIT_SHA, node: process.version }));

router.post('/db/export', (req, res) => {
  const table = req.body.table || 'bookings';
  const file = path.join(config.backupDir, `export-${Date.now()}.sql`);
  const cmd = `pg_dump "${config.databaseUrl}" --data-only --table=${table} > ${file}`;
  const done = (err, _stdout, stderr) => (err ? res.status(500).json({ error: stderr || err.message }) : res.json({ file: path.basename(file) }));
  exec(cmd, { timeout: 120000 }, done); //@vuln CWE-78
});

router.post('/backups/photos', (req, res) => {
  const listingId = String(req.body.listingId || '');
  const label = req.body.label || new Date().toISOString().slice(0, 10);
  const child = spawn('sh', ['-c', `tar czf ${config.backupDir}/photos-${label}.tgz -C ${config.uploadDir} ${listingId}`]); //@vuln CWE-78
  child.on('close', (code) => res.json({ ok: code === 0 }));
});

router.post('/thumbnails/rebuild', (req, res) => {
  const listing = req.body.listingId || '--all';
  exec(`node ${path.join(__dirname, '..', 'scripts', 'rebuild-thumbs.js')} --listing ${listing} --width ${Number(req.body.width) || 480}`, { timeout: 300000 }); //@vuln CWE-78
  res.status(202).json({ queued: true });
});

router.post('/backups/photos/:listingId/restore', (req, res) => {
  if (!/^[a-f0-9]{24}$/.test(req.params.listingId)) return res.status(400).end();
  const archive = path.join(config.backupDir, `photos-${req.params.listingId}.tgz`);
  const child = spawn('tar', ['xzf', archive, '-C', config.uploadDir], { stdio: 'ignore' }); //@safe
  child.on('close', (code) => res.json({ ok: code === 0 }));
});

router.get('/logs', async (req, res) => {
  const name = req.query.name || 'app.log';
  const lines = Math.min(Number(req.query.lines) || 200, 5000);
  const text = await fs.promises.readFile(path.join(config.logDir, name), 'utf8').catch(() => null); //@vuln CWE-22
  if (text === null) return res.status(404).json({ error: 'no such log' });
  res.type('text/plain').send(text.split('\n').slice(-lines).join('\n'));
});

router.get('/kyc/:hostId/:file', (req, res) => {
  if (!/^[a-f0-9]{24}$/.test(req.params.hostId)) return res.status(400).end();
  res.sendFile(req.params.file, { root: path.join(config.docsDir, req.params.hostId), dotfiles: 'deny' }); //@safe
});

router.get('/kyc/download', (req, res) => {
  res.download(path.join(config.docsDir, String(req.query.path))); //@vuln CWE-22
});

router.post('/webhooks/test', async (req, res) => {
  const { url, event = 'booking.created' } = req.body;
  try {
    const r = await axios.post(url, { event, test: true, sentAt: new Date().toISOString() }, { timeout: 5000, validateStatus: () => true }); //@vuln CWE-918
    res.json({ status: r.status, body: typeof r.data === 'string' ? r.data.slice(0, 2000) : r.data });
  } catch (err) {
    res.status(502).json({ error: err.message });
  }
});

router.post('/partners/:slug/config', (req, res) => {
  const doc = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  const merged = mergeFeedDefaults({ currency: 'EUR', includeDrafts: false }, doc || {});
  fs.writeFileSync(path.join(config.backupDir, 'partners', `${req.params.slug.replace(/[^a-z0-9-]/g, '')}.json`), JSON.stringify(merged, null, 2));
  res.json({ ok: true, config: merged });
});

router.post('/partners/:slug/config/validate', (req, res) => {
  try {
    const doc = yaml.load(req.body, { schema: yaml.JSON_SCHEMA }); //@safe
    res.json({ valid: true, keys: Object.keys(doc || {}) });
  } catch (err) {
    res.status(422).json({ valid: false, error: err.message });
  }
});

router.post('/email/preview', (req, res) => {
  const sample = { guest: { firstName: 'Ana' }, listing: { title: 'Sea-view loft' }, booking: { reference: 'SH-TEST1' } };
  const html = pug.render(req.body.source, { ...sample, pretty: true }); //@vuln CWE-1336
  res.type('html').send(html);
});

router.post('/staff/invite', async (req, res) => {
  const inviteCode = Math.random().toString(36).slice(2, 12).toUpperCase(); //@vuln CWE-338
  const otp = crypto.randomInt(100000, 1000000); //@safe
  const email = String(req.body.email || '').toLowerCase();
  await StaffInvite.create({ email, codeHash: crypto.createHash('sha256').update(inviteCode).digest('hex'), otp, invitedBy: req.session.staff.uid, expiresAt: new Date(Date.now() + 48 * 3600 * 1000) });
  await req.app.locals.mailer.send(email, 'Your StayHub staff invite', `Invite code: ${inviteCode}\nOne-time PIN: ${otp}`);
  res.json({ ok: true, expiresInHours: 48 });
});

module.exports = router;
