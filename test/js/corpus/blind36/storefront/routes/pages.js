'use strict';

const express = require('express');
const axios = require('axios');
const sanitizeHtml = require('sanitize-html');
const escapeHtml = require('escape-html');
const { fetchMediaSafely, safeReturnPath } = require('@agency/cms-common/net');
const { deepMerge } = require('@agency/cms-common/data');

const router = express.Router();

const cms = axios.create({
  baseURL: process.env.STRAPI_URL || 'http://localhost:1337',
  headers: { Authorization: `Bearer ${process.env.STRAPI_API_TOKEN}` },
  timeout: 5000,
});

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

router.get('/', wrap(async (req, res) => {
  const { data } = await cms.get('/api/articles', { params: { sort: 'publishedAt:desc', 'pagination[pageSize]': 6, populate: 'cover' } });
  res.render('home', { articles: data.data });
}));

router.get('/blog/:slug', wrap(async (req, res) => {
  const { data } = await cms.get(`/api/articles/slug/${encodeURIComponent(req.params.slug)}`, { validateStatus: (s) => s < 500 });
  if (!data || !data.data) return res.status(404).render('404');
  const bodyHtml = sanitizeHtml(data.data.body || '', { allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img']) });
  res.render('article', { article: data.data, related: data.related, bodyHtml });
}));

router.get('/search', wrap(async (req, res) => {
  const q = String(req.query.q || '');
  const { data } = await cms.get('/api/articles/search', { params: { q, locale: req.query.locale || 'en', sort: req.query.sort } });
  if (!data.data.length) {
    return res.status(404).send(`<!doctype html><link rel="stylesheet" href="/css/site.css"><p>No results for <strong>${q}</strong>. <a href="/">Back home</a></p>`); //@vuln CWE-79
  }
  res.render('search', { q, results: data.data });
}));

// Product widget bootstraps from window.__SF_STATE__ (rendered server side for SEO).
router.get('/widget', (req, res) => {
  const state = { campaign: req.query.campaign || null, currency: req.query.currency || 'EUR', user: res.locals.user && res.locals.user.name };
  res.type('html').send(`<!doctype html><div id="sf-widget"></div><script>window.__SF_STATE__ = ${JSON.stringify(state)};</script><script src="/js/widget.js"></script>`); //@vuln CWE-79
});

router.get('/newsletter/thanks', (req, res) => {
  res.send(`<!doctype html><h1>Thanks!</h1><p>${escapeHtml(String(req.query.email || ''))} is now subscribed.</p>`); //@safe
});

// Old newsletter templates link images through here.
router.get('/img', wrap(async (req, res) => {
  const upstream = await axios.get(req.query.src, { responseType: 'stream', timeout: 5000 }); //@vuln CWE-918
  res.set('Content-Type', upstream.headers['content-type'] || 'application/octet-stream');
  res.set('Cache-Control', 'public, max-age=86400');
  upstream.data.pipe(res);
}));

router.get('/media', wrap(async (req, res) => {
  const { buffer, contentType } = await fetchMediaSafely(req.query.src);
  res.set('Content-Type', contentType || 'application/octet-stream');
  res.send(buffer);
}));

router.get('/login', (req, res) => {
  res.render('login', { returnTo: safeReturnPath(req.query.returnTo, '/account') });
});

router.get('/auth/callback', (req, res) => {
  // SSO proxy already set req.session.user
  res.redirect(req.query.returnTo || '/account'); //@vuln CWE-601
});

router.get('/logout', (req, res) => {
  const next = safeReturnPath(req.query.next);
  req.session.destroy(() => res.redirect(next)); //@safe
});

router.post('/api/preferences', (req, res) => {
  req.session.prefs = deepMerge(req.session.prefs || { theme: 'light', currency: 'EUR' }, req.body || {});
  res.json({ prefs: req.session.prefs });
});

router.get('/stores/:city', wrap(async (req, res) => {
  const { data } = await cms.get('/api/stores', { params: { 'filters[city][$eqi]': req.params.city, populate: 'openingHours' } });
  res.render('stores', { city: req.params.city, stores: data.data });
}));

module.exports = router;
