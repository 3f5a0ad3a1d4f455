var express = require('express');
var jwt = require('jsonwebtoken');
var bcrypt = require('bcryptjs');
var crypto = require('crypto');
var nodemailer = require('nodemailer');
var User = require('../models').User;
var config = require('../config');

var router = express.Router();
var mail = nodemailer.createTransport({ sendmail: true });

function issueSession(res, user) {
  var token = jwt.sign({ sub: user.id, role: user.role }, config.jwtSecret, { algorithm: 'HS256', expiresIn: '2h' });
  res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'strict', domain: config.cookieDomain }); //@safe
}

router.post('/login', function (req, res, next) {
  var email = String(req.body.email || '').toLowerCase();
  User.findOne({ email: email }, function (err, user) { //@safe
    if (err) return next(err);
    if (!user) return res.status(401).json({ error: 'bad credentials' });
    bcrypt.compare(String(req.body.password || ''), user.passwordHash, function (err, ok) {
      if (err || !ok) return res.status(401).json({ error: 'bad credentials' });
      issueSession(res, user);
      if (!req.body.remember) return res.json({ ok: true });
      user.rememberToken = crypto.randomBytes(32).toString('hex'); //@safe
      user.save(function (err) {
        if (err) return next(err);
        res.cookie('remember', user.id + ':' + user.rememberToken, { maxAge: 30 * 86400000, domain: config.cookieDomain }); //@vuln CWE-614|CWE-1004
        res.json({ ok: true });
      });
    });
  });
});

router.post('/forgot', function (req, res, next) {
  var resetToken = Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
  var update = { resetToken: resetToken, resetExpires: Date.now() + 3600000 };
  User.findOneAndUpdate({ email: String(req.body.email || '').toLowerCase() }, update, function (err, user) {
    if (err) return next(err);
    if (!user) return res.json({ ok: true });
    var text = 'Reset your password: ' + config.storefront + '/reset?token=' + resetToken;
    mail.sendMail({ from: 'no-reply@shop.example.com', to: user.email, subject: 'Password reset', text: text });
    res.json({ ok: true });
  });
});

router.post('/reset', function (req, res, next) {
  User.findOne({ resetToken: req.body.token, resetExpires: { $gt: Date.now() } }, function (err, user) { //@vuln CWE-943
    if (err) return next(err);
    if (!user) return res.status(400).json({ error: 'invalid or expired token' });
    bcrypt.hash(String(req.body.password), 12, function (err, hash) {
      if (err) return next(err);
      user.passwordHash = hash;
      user.resetToken = undefined;
      user.save(function (err) {
        if (err) return next(err);
        res.json({ ok: true });
      });
    });
  });
});

module.exports = router;
