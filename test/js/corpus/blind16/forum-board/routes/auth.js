var express = require('express');
var passport = require('passport');
var url = require('url');
var config = require('../config');

var router = express.Router();

function safeNext(target) {
  if (!target) return '/threads';
  if (/^\/[^\/\\]/.test(target)) return target;
  var parsed = url.parse(target);
  if (parsed.protocol === 'https:' && config.trustedRedirectHosts.indexOf(parsed.hostname) !== -1) return target;
  return '/threads';
}

router.get('/login', function (req, res) {
  res.render('login', { next: req.query.next || '' });
});

router.post('/login', passport.authenticate('local', { failureRedirect: '/login' }), function (req, res) {
  res.redirect(safeNext(req.body.next)); //@safe
});

router.get('/logout', function (req, res) {
  req.logout();
  var returnTo = req.query.returnTo || '/';
  res.redirect(returnTo); //@vuln CWE-601
});

module.exports = router;
