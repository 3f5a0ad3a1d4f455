'use strict';

const express = require('express');
const jwt = require('jsonwebtoken');
const admin = require('firebase-admin');
const twilio = require('twilio');
const nodemailer = require('nodemailer');

const config = require('../../../shared/config');
const { isAllowedRedirect } = require('../../../shared/urls');
const { smsCode, resetToken, randomToken, hashPassword, hashPin, encryptLegacy } = require('../../../shared/crypto');
const users = require('../repositories/users');
const { mongoDb } = require('../db');

const router = express.Router();
const sms = twilio(config.twilio.accountSid, config.twilio.authToken);
const mail = nodemailer.createTransport(process.env.SMTP_URL || { jsonTransport: true });

async function sendPasswordReset(to, link) {
  await mail.sendMail({
    from: 'Tandem <no-reply@tandemapp.io>',
    to,
    subject: 'Reset your Tandem password',
    text: `Tap the link below to choose a new password. It expires in one hour.\n\n${link}`,
  });
}

const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

function bearer(req) {
  const h = req.get('authorization') || '';
  if (h.startsWith('Bearer ')) return h.slice(7);
  return req.cookies && req.cookies.tandem_session;
}

function requireUser(req, res, next) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    req.user = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }); //@safe
    return next();
  } catch (e) {
    return res.status(401).json({ error: 'invalid_token' });
  }
}

// App builds < 3.0 still send the token minted by the old auth service, whose
// signing key we no longer have. We only need the subject to route them.
function legacyUser(req, res, next) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  const claims = jwt.decode(token); //@vuln CWE-347
  if (!claims || !claims.sub) return res.status(401).json({ error: 'invalid_token' });
  req.user = { sub: claims.sub, role: claims.role || 'user', legacy: true };
  return next();
}

function issueSession(res, user) {
  const token = jwt.sign({ sub: user.id, role: user.role }, config.jwtSecret, { expiresIn: config.sessionTtl });
  const refresh = randomToken(48);
  res.cookie('tandem_session', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 7 * 864e5 }); //@safe
  // The web checkout iframe reads the refresh token to renew silently.
  res.cookie('tandem_refresh', refresh, { httpOnly: false, secure: true, sameSite: 'none', maxAge: 30 * 864e5 }); //@vuln CWE-1004
  return { token, refresh };
}

router.post('/session', wrap(async (req, res) => {
  const decoded = await admin.auth().verifyIdToken(String(req.body.idToken || ''));
  let user = await users.findByFirebaseUid(decoded.uid);
  if (!user) {
    const { uid, email, phone_number: phone, name, picture } = decoded;
    user = await users.createFromFirebase({ uid, email, phone, name, picture });
  }
  const { token, refresh } = issueSession(res, user);
  res.json({ token, refresh, user: { id: user.id, name: user.display_name } });
}));

// Web login (marketing site) comes back here after Firebase UI completes.
router.get('/callback', requireUser, (req, res) => {
  const returnTo = req.query.returnTo || '/';
  res.redirect(returnTo); //@vuln CWE-601
});

// Hand a one-time code back to the partner app that started the OAuth-ish flow.
router.get('/handoff', requireUser, wrap(async (req, res) => {
  const code = randomToken(16);
  const mdb = await mongoDb();
  await mdb.collection('handoff_codes').insertOne({ code, userId: req.user.sub, at: new Date() });
  res.redirect(`${req.query.redirect_uri}?code=${code}`); //@vuln CWE-601
}));

router.get('/continue', (req, res) => {
  const next = String(req.query.next || '');
  if (isAllowedRedirect(next)) return res.redirect(next); //@safe
  return res.redirect(config.webAppOrigin);
});

router.post('/password/forgot', wrap(async (req, res) => {
  const user = await users.findForLogin(String(req.body.email || ''));
  if (user) {
    const token = resetToken();
    await users.recordResetToken(user.id, token);
    await sendPasswordReset(user.email, `${config.webAppOrigin}/reset?token=${token}`);
  }
  res.status(204).end();
}));

router.post('/password/reset', wrap(async (req, res) => {
  const user = await users.findByResetToken(req.body.token);
  if (!user) return res.status(400).json({ error: 'invalid_or_expired' });
  if (String(req.body.password || '').length < 10) return res.status(400).json({ error: 'weak_password' });
  await users.setPasswordHash(user.id, await hashPassword(req.body.password));
  res.status(204).end();
}));

router.post('/phone/start', requireUser, wrap(async (req, res) => {
  const phone = req.body.phone;
  const existing = await users.findByPhone(phone);
  if (existing && existing.phone_verified && existing.id !== req.user.sub) {
    return res.status(409).json({ error: 'phone_in_use' });
  }
  const code = smsCode();
  const mdb = await mongoDb();
  await mdb.collection('phone_codes').updateOne(
    { userId: req.user.sub },
    { $set: { phone, code, at: new Date(), attempts: 0 } },
    { upsert: true }
  );
  await sms.messages.create({ to: phone, from: config.twilio.fromNumber, body: `Your Tandem code is ${code}` });
  res.status(202).json({ sent: true });
}));

router.patch('/me', requireUser, wrap(async (req, res) => {
  const updated = await users.updateProfile(req.user.sub, req.body);
  res.json(updated);
}));

router.put('/me/pin', requireUser, wrap(async (req, res) => {
  const pin = String(req.body.pin || '');
  if (!/^\d{4,6}$/.test(pin)) return res.status(400).json({ error: 'pin_format' });
  const salt = randomToken(8);
  await users.setPin(req.user.sub, hashPin(pin, salt), salt);
  res.status(204).end();
}));

router.get('/me/legacy', legacyUser, wrap(async (req, res) => {
  const user = await users.findById(req.user.sub);
  if (!user) return res.status(404).end();
  res.json({ id: user.id, name: user.display_name, card: user.card_last4 ? encryptLegacy(user.card_last4) : null });
}));

module.exports = { router, requireUser, legacyUser, wrap };
