// routes/admin.js - back office. only is_admin users (and the react panel via /admin/api)
var express = require('express');
var router = express.Router();
var childProcess = require('child_process');
var exec = childProcess.exec;
var execFile = childProcess.execFile;
var fs = require('fs');
var path = require('path');
var request = require('request');
var yaml = require('js-yaml'); // 3.13
var ejs = require('ejs');
var multer = require('multer');
var db = require('../db');
var utils = require('../lib/utils');
var plugins = require('../lib/plugins');
var config = require('../config');
var auth = require('./auth');

var pluginUpload = multer({ dest: path.join(config.backupDir, 'tmp') });

// these get changed from the settings page and live in memory (and settings.json)
var siteSettings = {
  shipping: { flat: 4.99, freeOver: 50 },
  banner: { text: '', colour: '#ffffff' },
  reviews: { moderate: true }
};

var SUPPLIERS = {
  greenco: 'https://api.greenco.co.uk/v1',
  seedsdirect: 'https://trade.seedsdirect.com/api'
};

// ---------- JSON api for admin-react ----------
router.get('/api/orders', auth.apiAuth, function (req, res, next) {
  var from = req.query.from || '1970-01-01';
  var to = req.query.to || '2999-01-01';
  db.all('SELECT o.*, u.email FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.created_at BETWEEN ? AND ? ORDER BY o.id DESC', [from, to], function (err, rows) { //@safe
    if (err) return next(err);
    res.json(rows);
  });
});

router.get('/api/products', auth.apiAuth, function (req, res, next) {
  db.all('SELECT * FROM products ORDER BY id DESC', function (err, rows) { if (err) return next(err); res.json(rows); });
});

// ---------- everything below needs a logged in admin ----------
function requireAdmin(req, res, next) {
  if (!req.session.user || !req.session.user.isAdmin) {
    return res.redirect('/auth/login?next=' + encodeURIComponent(req.originalUrl));
  }
  next();
}
router.use(requireAdmin);

router.get('/', function (req, res) {
  res.render('admin/dashboard', { plugins: plugins.list(), settings: siteSettings });
});

router.get('/customers', function (req, res, next) {
  var where = '';
  if (req.query.email) where = " WHERE email LIKE '%" + req.query.email + "%'";
  db.all('SELECT id, email, name, phone, created_at FROM users' + where + ' ORDER BY id DESC', function (err, rows) { //@vuln CWE-89
    if (err) return next(err);
    rows.forEach(function (r) {
      try { r.phone = r.phone ? utils.decrypt(r.phone) : ''; } catch (e) { r.phone = '?'; }
    });
    res.render('admin/customers', { customers: rows, email: req.query.email });
  });
});

// ---------- backups ----------
router.post('/backup', function (req, res) {
  var name = req.body.name || ('backup-' + new Date().toISOString().slice(0, 10));
  exec('tar czf ' + config.backupDir + '/' + name + '.tgz ' + path.dirname(config.db.file), function (err, stdout, stderr) { //@vuln CWE-78
    if (err) return res.status(500).send('Backup failed: ' + utils.escapeHtml(stderr));
    res.redirect('/admin/backups');
  });
});

router.post('/backup/verify', function (req, res) {
  var file = path.basename(req.body.file || '');
  if (!/^[\w\-]+\.tgz$/.test(file)) return res.status(400).send('bad file name');
  execFile('tar', ['tzf', path.join(config.backupDir, file)], function (err, stdout) { //@safe
    if (err) return res.send('Backup is corrupt!');
    res.send('<pre>' + utils.escapeHtml(stdout) + '</pre>');
  });
});

router.get('/backups/:file', function (req, res) {
  var root = path.resolve(config.backupDir);
  var full = path.resolve(root, req.params.file);
  if (full.indexOf(root + path.sep) !== 0) return res.status(403).send('nope');
  res.download(full); //@safe
});

// ---------- tools ----------
router.get('/tools/ping', function (req, res) {
  var host = req.query.host || 'api.greenco.co.uk';
  exec('ping -c 3 ' + host, function (err, stdout) { //@vuln CWE-78
    res.send('<pre>' + utils.escapeHtml(stdout || String(err)) + '</pre>');
  });
});

router.get('/tools/disk', function (req, res) {
  exec('df -h', function (err, stdout) { //@safe
    res.send('<pre>' + utils.escapeHtml(stdout) + '</pre>');
  });
});

router.get('/logs', function (req, res) {
  var file = req.query.file || 'access.log';
  fs.readFile(path.join(config.logDir, file), 'utf8', function (err, data) { //@vuln CWE-22
    if (err) return res.status(404).send('no such log');
    res.type('text/plain').send(data.split('\n').slice(-500).join('\n'));
  });
});

// ---------- pricing rules ----------
// Steve types rules like "price * 0.9" or "price > 20 ? price - 5 : price"
router.post('/pricing/preview', function (req, res, next) {
  var formula = req.body.formula || 'price';
  db.all('SELECT id, name, price FROM products WHERE active = 1 LIMIT 20', function (err, rows) {
    if (err) return next(err);
    var out = rows.map(function (p) {
      var price = p.price;
      var newPrice = eval(formula); //@vuln CWE-95
      return { name: p.name, old: price, now: Math.round(newPrice * 100) / 100 };
    });
    res.json(out);
  });
});

// ---------- settings ----------
router.post('/settings', function (req, res) {
  utils.merge(siteSettings, req.body);
  fs.writeFile(path.join(__dirname, '..', 'settings.json'), JSON.stringify(siteSettings, null, 2), function () {
    res.redirect('/admin');
  });
});

router.post('/settings/import', function (req, res) {
  try {
    var imported = yaml.load(req.body.yaml); //@vuln CWE-502
    utils.safeMerge(siteSettings, imported || {});
    res.redirect('/admin');
  } catch (e) {
    res.status(400).send('Could not read that YAML');
  }
});

router.post('/settings/reset', function (req, res) {
  var defaults = yaml.safeLoad(fs.readFileSync(path.join(__dirname, '..', 'defaults.yml'), 'utf8')); //@safe
  siteSettings = utils.safeMerge({}, defaults);
  res.redirect('/admin');
});

// ---------- email templates ----------
var sampleOrder = { id: 1001, total: 42.5, items: [{ name: 'Trowel', qty: 1 }] };

router.post('/emails/preview', function (req, res) {
  try {
    var html = ejs.render(req.body.template || '', { user: req.session.user, order: sampleOrder }); //@vuln CWE-1336
    res.send(html);
  } catch (e) {
    res.status(400).send('Template error');
  }
});

router.get('/emails/order-confirmation', function (req, res) {
  ejs.renderFile(path.join(__dirname, '..', 'views', 'emails', 'order.ejs'), { user: req.session.user, order: sampleOrder }, function (err, html) { //@safe
    if (err) return res.status(500).send('template missing');
    res.send(html);
  });
});

// ---------- products ----------
router.post('/products/:id/image-from-url', function (req, res) {
  var id = parseInt(req.params.id, 10);
  var dest = path.join(config.uploadDir, 'products', id + '.jpg');
  var r = request.get(req.body.url); //@vuln CWE-918
  r.on('error', function (e) { res.status(400).send('could not fetch image'); });
  r.pipe(fs.createWriteStream(dest)).on('finish', function () {
    res.redirect('/admin/products/' + id);
  });
});

router.get('/suppliers/check', function (req, res) {
  // api = base url of the suppliers stock api, from the dropdown (or typed in for new ones)
  var api = req.query.api;
  request({ url: api + '/stock?sku=' + encodeURIComponent(req.query.sku), json: true, timeout: 8000 }, function (err, r, body) { //@vuln CWE-918
    if (err) return res.status(502).json({ error: 'supplier down' });
    res.json(body);
  });
});

router.get('/suppliers/:supplier/stock', function (req, res) {
  var base = SUPPLIERS[req.params.supplier];
  if (!base) return res.status(404).json({ error: 'unknown supplier' });
  request({ url: base + '/stock?sku=' + encodeURIComponent(req.query.sku), json: true, timeout: 8000 }, function (err, r, body) { //@safe
    if (err) return res.status(502).json({ error: 'supplier down' });
    res.json(body);
  });
});

// ---------- plugins ----------
router.post('/plugins/activate', function (req, res) {
  plugins.activate(req.body.plugin, req.app, req.body.options, function (err, p) {
    if (err) return res.status(500).send('Could not activate plugin');
    res.redirect('/admin');
  });
});

router.post('/plugins/upload', pluginUpload.single('zip'), function (req, res) {
  if (!req.file) return res.status(400).send('no file');
  plugins.installFromZip(req.file.path, function (err) {
    fs.unlink(req.file.path, function () {});
    if (err) return res.status(500).send('Bad zip');
    res.redirect('/admin');
  });
});

module.exports = router;
