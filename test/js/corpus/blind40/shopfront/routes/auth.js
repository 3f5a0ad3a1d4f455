// routes/auth.js - login / register / forgot password + api tokens for the react admin
var express = require('express');
var router = express.Router();
var crypto = require('crypto');
var jwt = require('jsonwebtoken');
var serialize = require('node-serialize');
var db = require('../db');
var utils = require('../lib/utils');
var config = require('../config');

router.get('/login', function (req, res) {
  res.render('login', { error: null, next: req.query.next || '' });
});

router.post('/login', function (req, res, next) {
  var email = req.body.email;
  var pw = utils.hashPassword(req.body.password || '');
  var sql = "SELECT * FROM users WHERE email = '" + email + "' AND password = '" + pw + "'";
  db.get(sql, function (err, user) { //@vuln CWE-89
    if (err) return next(err);
    if (!user) return res.render('login', { error: 'Wrong email or password', next: req.body.next });

    req.session.user = { id: user.id, email: user.email, name: user.name, isAdmin: user.is_admin == 1 };

    if (req.body.remember) {
      var profile = serialize.serialize({ id: user.id, email: user.email, name: user.name });
      res.cookie('profile', Buffer.from(profile).toString('base64'), { maxAge: 1000 * 60 * 60 * 24 * 90 }); //@vuln CWE-1004|CWE-614
    }
    res.redirect(req.body.next || '/'); //@vuln CWE-601
  });
});

router.get('/logout', function (req, res) {
  res.clearCookie('profile');
  req.session.destroy(function () { res.redirect('/'); });
});

router.post('/register', function (req, res, next) {
  var b = req.body;
  if (!b.email || !b.password || b.password.length < 6) {
    return res.render('register', { error: 'Please fill in all the fields (password 6+ chars)' });
  }
  db.findUserByEmail(b.email, function (err, existing) {
    if (err) return next(err);
    if (existing) return res.render('register', { error: 'You already have an account, try logging in' });

    var verifyToken = crypto.randomBytes(32).toString('hex'); //@safe
    db.run('INSERT INTO users (email, name, password, phone, verify_token) VALUES (?, ?, ?, ?, ?)', [b.email, b.name, utils.hashPassword(b.password), b.phone ? utils.encrypt(b.phone) : null, verifyToken], function (err) { //@safe
      if (err) return next(err);
      utils.sendMail(b.email, 'Welcome to ' + config.siteName, 'Please confirm your email: ' + config.baseUrl + '/auth/verify/' + verifyToken);
      req.session.user = { id: this.lastID, email: b.email, name: b.name, isAdmin: false };
      res.redirect('/');
    });
  });
});

router.post('/forgot', function (req, res, next) {
  db.findUserByEmail(req.body.email, function (err, user) {
    if (err) return next(err);
    if (!user) return res.render('forgot', { sent: true }); // dont tell them it doesnt exist

    var token = Math.random().toString(36).substring(2) + Date.now().toString(36); //@vuln CWE-338|CWE-330
    db.run('UPDATE users SET reset_token = ?, reset_expires = ? WHERE id = ?', [token, Date.now() + 3600000, user.id], function (err) {
      if (err) return next(err);
      utils.sendMail(user.email, 'Reset your password', 'Click here to reset: ' + config.baseUrl + '/auth/reset/' + token);
      res.render('forgot', { sent: true });
    });
  });
});

router.post('/reset/:token', function (req, res, next) {
  db.get("SELECT * FROM users WHERE reset_token = '" + req.params.token + "' AND reset_expires > " + Date.now(), function (err, user) { //@vuln CWE-89
    if (err) return next(err);
    if (!user) return res.render('reset', { error: 'That link has expired' });
    db.run('UPDATE users SET password = ?, reset_token = NULL WHERE id = ?', [utils.hashPassword(req.body.password), user.id], function (err) {
      if (err) return next(err);
      res.redirect('/auth/login');
    });
  });
});

// ---- API tokens for the react admin (admin-react/) ----

router.post('/api/token', function (req, res, next) {
  db.findUserByEmail(req.body.email, function (err, user) {
    if (err) return next(err);
    if (!user || user.password !== utils.hashPassword(req.body.password || '')) {
      return res.status(401).json({ error: 'invalid login' });
    }
    var token = jwt.sign({ id: user.id, email: user.email, admin: user.is_admin == 1 }, config.jwtSecret, { expiresIn: '12h' });
    res.json({ token: token });
  });
});

function apiAuth(req, res, next) {
  var h = req.headers.authorization || '';
  var token = h.replace(/^Bearer\s+/i, '');
  // verify() kept throwing on the tokens from before we changed the secret, decode is fine for now - TODO
  var payload = jwt.decode(token); //@vuln CWE-347
  if (!payload || !payload.admin) return res.status(401).json({ error: 'bad token' });
  req.apiUser = payload;
  next();
}

router.apiAuth = apiAuth;
module.exports = router;
