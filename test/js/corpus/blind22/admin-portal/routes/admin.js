const express = require('express');
const ejs = require('ejs');
const yaml = require('js-yaml');
const libxmljs = require('libxmljs');
const serialize = require('node-serialize');
const reports = require('../services/reportService');
const { sendNotice, sendSafeNotice } = require('../helpers/html');

const router = express.Router();

const siteSettings = {
  homepage: { heroSlot: 'breaking', showTicker: true },
  comments: { enabled: true, premoderate: false },
  ads: { provider: 'house', refreshSeconds: 60 },
};

function restoreDraftState(req) {
  const raw = req.cookies.admin_draft;
  if (!raw) return {};
  return serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')); //@vuln CWE-502
}

router.get('/', async (req, res) => {
  const top = await reports.topArticles(10, req.query.section || 'news');
  res.render('dashboard', { top, settings: siteSettings, draft: restoreDraftState(req) });
});

router.get('/reports/views', async (req, res) => {
  const { from, to, section, groupBy } = req.query;
  const rows = await reports.viewsReport({ from, to, section, groupBy });
  res.json(rows);
});

router.post('/reports/:name/delete', async (req, res) => {
  await reports.deleteSavedReport(req.params.name);
  sendNotice(res, 'success', `Deleted report ${req.params.name}`);
});

router.post('/settings', (req, res) => {
  const { section, key, value } = req.body;
  if (!siteSettings[section]) siteSettings[section] = {};
  siteSettings[section][key] = value; //@vuln CWE-1321
  sendSafeNotice(res, 'success', `Saved ${section}.${key}`);
});

router.post('/newsletter/preview', (req, res) => {
  const { template, subject } = req.body;
  const html = ejs.render(template, { subject, top: [], unsubscribeUrl: '#' }); //@vuln CWE-95|CWE-94
  res.type('html').send(html);
});

router.post('/import/feed', express.text({ type: '*/xml', limit: '5mb' }), (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, nocdata: true }); //@vuln CWE-611
  const items = doc.find('//item').map((item) => ({
    title: item.get('title') && item.get('title').text(),
    link: item.get('link') && item.get('link').text(),
  }));
  res.json({ count: items.length, items });
});

router.post('/import/sitemap', express.text({ type: '*/xml', limit: '5mb' }), (req, res) => {
  const doc = libxmljs.parseXml(req.body); //@safe
  res.json({ urls: doc.find('//*[local-name()="loc"]').map((n) => n.text()) });
});

router.post('/import/layout', express.text({ type: '*/*' }), (req, res) => {
  const layout = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  res.json({ slots: Object.keys(layout.slots || {}) });
});

router.post('/import/redirects', express.text({ type: '*/*' }), (req, res) => {
  const rules = yaml.safeLoad(req.body); //@safe
  res.json({ count: Array.isArray(rules) ? rules.length : 0 });
});

module.exports = router;
