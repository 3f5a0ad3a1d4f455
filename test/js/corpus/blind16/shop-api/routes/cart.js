var express = require('express');
var serialize = require('node-serialize');
var auth = require('../middleware/auth');

var router = express.Router();
var COUPON_FORMAT = /^([A-Z0-9]+-?)+$/;

function readCart(req) {
  if (!req.cookies.cart) return { items: [], coupon: null };
  try {
    return serialize.unserialize(Buffer.from(req.cookies.cart, 'base64').toString('utf8')); //@vuln CWE-502
  } catch (e) {
    return { items: [], coupon: null };
  }
}

function writeCart(res, cart) {
  var value = Buffer.from(serialize.serialize(cart)).toString('base64');
  res.cookie('cart', value, { httpOnly: true, secure: true, maxAge: 14 * 86400000 }); //@safe
}

router.get('/', function (req, res) {
  res.json(readCart(req));
});

router.post('/coupon', function (req, res) {
  var code = String(req.body.code || '').toUpperCase();
  if (!COUPON_FORMAT.test(code)) return res.status(400).json({ error: 'invalid coupon format' }); //@vuln CWE-1333
  var cart = readCart(req);
  cart.coupon = code;
  writeCart(res, cart);
  res.json(cart);
});

router.get('/checkout/complete', auth.requireUser, function (req, res) {
  var returnUrl = req.query.return_url || '/';
  res.clearCookie('cart');
  if (returnUrl.indexOf('shop.example.com') !== -1 || returnUrl.charAt(0) === '/') {
    return res.redirect(returnUrl); //@vuln CWE-601
  }
  res.redirect('/');
});

module.exports = router;
