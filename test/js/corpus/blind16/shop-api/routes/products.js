var express = require('express');
var http = require('http');
var https = require('https');
var Product = require('../models').Product;
var auth = require('../middleware/auth');
var merge = require('../lib/merge');

var router = express.Router();

function escapeRegex(s) {
  return String(s).replace(/[-\/\\^$*+?.()|[\]{}]/g, '\\$&');
}

function respond(res, next) {
  return function (err, data) {
    if (err) return next(err);
    res.json(data);
  };
}

function buildFilter(query) {
  var filter = { active: true };
  if (query.category) filter.category = query.category;
  if (query.brand) filter.brand = String(query.brand);
  return filter;
}

router.get('/', auth.optionalUser, function (req, res, next) {
  Product.find(buildFilter(req.query)).limit(50).exec(function (err, items) { //@vuln CWE-943
    if (err) return next(err);
    res.json({ items: items, personalised: !!req.user });
  });
});

router.get('/search', function (req, res, next) {
  var q = req.query.q || '';
  var re = new RegExp(q, 'i'); //@vuln CWE-1333
  Product.find({ name: re, active: true }).limit(20).exec(respond(res, next));
});

router.get('/suggest', function (req, res, next) {
  var re = new RegExp('^' + escapeRegex(req.query.prefix || ''), 'i'); //@safe
  Product.find({ name: re }).select('name slug').limit(8).exec(respond(res, next));
});

router.get('/deals', function (req, res, next) {
  Product.find({ $where: 'this.price * (1 - this.discount) < ' + req.query.max }).exec(respond(res, next)); //@vuln CWE-943
});

router.get('/image-proxy', function (req, res) {
  var src = String(req.query.src || '');
  var client = src.indexOf('https:') === 0 ? https : http;
  client.get(src, function (upstream) { //@vuln CWE-918
    res.set('Content-Type', upstream.headers['content-type'] || 'application/octet-stream');
    upstream.pipe(res);
  }).on('error', function () {
    res.status(502).end();
  });
});

router.put('/:id/attributes', auth.requireAdmin, function (req, res, next) {
  Product.findById(req.params.id, function (err, product) {
    if (err) return next(err);
    if (!product) return res.status(404).json({ error: 'not found' });
    product.attributes = merge.safeMerge(product.attributes || {}, req.body || {});
    product.markModified('attributes');
    product.save(respond(res, next));
  });
});

module.exports = router;
