'use strict';

const express = require('express');
const auth = require('./controllers/auth');
const catalog = require('./controllers/catalog');
const profile = require('./controllers/profile');
const files = require('./controllers/files');
const admin = require('./controllers/admin');
const avatar = require('./controllers/avatar');
const coupons = require('./controllers/coupons');
const contact = require('./controllers/contact');

const { requireLogin, requireAdmin } = auth;
const none = (req, res, next) => next();
const upload = (field) => [requireLogin, files.uploadMiddleware.single(field)];

// Every lesson is mounted twice: /lessons/* runs the vulnerable handler and
// /fixed/* the patched one, so students can diff behaviour side by side.
// [method, path, guard, vulnerable handler, fixed handler]
const LESSONS = [
  ['get', '/products', none, catalog.search, catalog.searchFixed],
  ['get', '/products/sorted', none, catalog.list, catalog.listFixed],
  ['get', '/products/filter', none, catalog.filter, catalog.filterFixed],
  ['get', '/products/:id', none, catalog.detail, null],
  ['post', '/login', none, auth.loginLegacy, auth.login],
  ['post', '/forgot', none, auth.forgotPasswordLegacy, null],
  ['post', '/reset', none, auth.resetPasswordLegacy, null],
  ['get', '/logout', none, auth.logout, null],
  ['get', '/u/:username/card', none, profile.card, profile.cardFixed],
  ['post', '/profile/preferences', requireLogin, profile.updatePreferences, null],
  ['post', '/profile/preference', requireLogin, profile.setPreference, profile.setPreferenceFixed],
  ['post', '/profile/avatar-url', requireLogin, avatar.fromUrl, avatar.fromUrlFixed],
  ['get', '/img', none, avatar.proxy, null],
  ['post', '/files', upload('file'), files.upload, null],
  ['get', '/files/download', requireLogin, files.download, files.downloadFixed],
  ['get', '/files/:name/preview', requireLogin, files.preview, files.previewFixed],
  ['post', '/files/delete', requireLogin, files.remove, null],
  ['post', '/files/import', upload('archive'), files.importZip, files.importZipFixed],
  ['get', '/orders/export', requireLogin, files.exportOrders, files.exportOrdersFixed],
  ['post', '/admin/ping', requireAdmin, admin.ping, admin.pingFixed],
  ['get', '/admin/dns', requireAdmin, admin.dnsLookup, admin.dnsLookupFixed],
  ['get', '/admin/disk', requireAdmin, admin.diskUsage, null],
  ['get', '/admin/uptime', requireAdmin, admin.uptime, admin.uptime],
  ['post', '/admin/backup', requireAdmin, admin.backup, null],
  ['post', '/admin/rules/test', requireAdmin, admin.testDiscountRule, null],
  ['post', '/admin/calc', requireAdmin, admin.calculate, admin.calculateFixed],
  ['post', '/admin/email-preview', requireAdmin, admin.previewEmail, admin.previewEmailFixed],
  ['post', '/coupons/generate', requireAdmin, coupons.generate, coupons.generateFixed],
  ['post', '/coupons/redeem', none, coupons.redeem, coupons.redeemFixed],
  ['get', '/coupons', requireAdmin, coupons.lookup, null],
  ['get', '/cart', none, (req, res) => res.json(req.cart || { items: [] }), (req, res) => res.json(req.cart)],
  ['post', '/contact', none, contact.submit, contact.submitFixed],
  ['get', '/contact/inbox', requireAdmin, contact.inbox, contact.inboxFixed],
  ['get', '/contact/search', requireAdmin, contact.searchSubject, contact.searchSubjectFixed],
];

function build(variant) {
  const r = express.Router();
  r.use('/cart', variant === 'fixed' ? coupons.restoreCartFixed : coupons.restoreCart);
  for (const [method, path, guard, vulnerable, patched] of LESSONS) {
    const handler = variant === 'fixed' ? patched : vulnerable;
    if (handler) r[method](path, guard, handler);
  }
  return r;
}

function api() {
  const r = express.Router();
  r.post('/login', auth.apiKeyLogin);
  r.get('/v1/me', auth.requireApiUser, (req, res) => res.json(req.apiUser));
  r.get('/v2/me', auth.requireApiUserFixed, (req, res) => res.json(req.apiUser));
  r.get('/v2/products', auth.requireApiUserFixed, catalog.listFixed);
  return r;
}

module.exports = { lessons: () => build('lessons'), fixed: () => build('fixed'), api };
