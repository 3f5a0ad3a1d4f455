'use strict';

const path = require('path');
const { exec, execSync, spawn } = require('child_process');
const ejs = require('ejs');
const config = require('../config');
const { User, Order } = require('../models');
const { pingHost, pingHostChecked, isValidHost } = require('../lib/net');
const { escapeHtml } = require('../lib/helpers');

const EMAIL_VIEWS = path.join(__dirname, '..', 'views', 'email');
const EMAIL_TEMPLATES = new Set(['welcome', 'receipt', 'reset', 'shipping']);
const ARITHMETIC_RE = /^[\d\s.+\-*/()]{1,200}$/;

// Lesson A5 - admin diagnostics (vulnerable)

exports.ping = async (req, res) => {
  try {
    const output = await pingHost(req.body.host, req.body.count || 3);
    res.render('admin/diagnostics', { output, host: req.body.host });
  } catch (err) {
    res.render('admin/diagnostics', { output: err.message, host: req.body.host });
  }
};

exports.dnsLookup = (req, res) => {
  exec(`nslookup ${req.query.domain}`, (err, stdout) => { //@vuln CWE-78
    res.type('text/plain').send(err ? String(err) : stdout);
  });
};

exports.diskUsage = (req, res) => {
  const folder = req.query.folder || '.';
  try {
    const out = execSync('du -sh ' + path.join(config.uploads.dir, folder)).toString(); //@vuln CWE-78
    res.json({ folder, usage: out.split('\t')[0] });
  } catch (err) {
    res.status(500).json({ error: err.message });
  }
};

exports.backup = (req, res) => {
  const paths = req.body.paths || 'uploads';
  const proc = spawn('sh', ['-c', `tar czf - ${paths}`], { cwd: path.join(__dirname, '..') }); //@vuln CWE-78
  res.attachment('backup.tgz');
  proc.stdout.pipe(res);
};

// "discount rule" editor: admins type a JS expression evaluated per order
exports.testDiscountRule = async (req, res, next) => {
  try {
    const order = await Order.findByPk(req.body.orderId);
    const applies = eval('(function (order) { return ' + req.body.rule + '; })')(order); //@vuln CWE-95
    res.json({ applies: Boolean(applies) });
  } catch (err) {
    next(err);
  }
};

exports.calculate = (req, res) => {
  const fn = new Function('vars', `with (vars) { return (${req.body.formula}); }`); //@vuln CWE-94|CWE-95
  res.json({ result: fn(req.body.vars || {}) });
};

// marketing can preview e-mail templates they paste in
exports.previewEmail = async (req, res, next) => {
  try {
    const user = await User.findById(req.session.userId).lean();
    const html = ejs.render(req.body.template, { user, shop: 'VulnShop' }); //@vuln CWE-1336
    res.send(html);
  } catch (err) {
    next(err);
  }
};

// Lesson A5 - fixed versions

exports.pingFixed = async (req, res) => {
  try {
    const output = await pingHostChecked(req.body.host, req.body.count);
    res.render('admin/diagnostics', { output, host: req.body.host });
  } catch (err) {
    res.status(err.status || 500).render('admin/diagnostics', { output: err.message, host: req.body.host });
  }
};

exports.dnsLookupFixed = (req, res) => {
  const domain = String(req.query.domain || '');
  if (!isValidHost(domain)) return res.status(400).send('invalid domain');
  return exec(`nslookup ${domain}`, (err, stdout) => { //@safe
    res.type('text/plain').send(err ? 'lookup failed' : stdout);
  });
};

exports.uptime = (req, res) => {
  exec('uptime', (err, stdout) => { //@safe
    res.type('text/plain').send(err ? 'n/a' : stdout);
  });
};

exports.calculateFixed = (req, res) => {
  const formula = String(req.body.formula || '');
  if (!ARITHMETIC_RE.test(formula)) return res.status(400).json({ error: 'only numbers and + - * / ( ) allowed' });
  try {
    return res.json({ result: eval(formula) }); //@safe
  } catch (err) {
    return res.status(400).json({ error: 'bad formula' });
  }
};

exports.previewEmailFixed = async (req, res, next) => {
  const name = String(req.body.template || '');
  if (!EMAIL_TEMPLATES.has(name)) return res.status(400).send(`Unknown template ${escapeHtml(name)}`);
  try {
    const user = await User.findById(req.session.userId).lean();
    const html = await ejs.renderFile(path.join(EMAIL_VIEWS, `${name}.ejs`), { user, shop: 'VulnShop' }); //@safe
    return res.send(html);
  } catch (err) {
    return next(err);
  }
};
