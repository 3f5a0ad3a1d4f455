const express = require('express');
const jwt = require('jsonwebtoken');
const pool = require('../db');
const config = require('../config');
const { requireAuth, requireRole } = require('../middleware/auth');
const { hashPassword, verifyPassword, newResetToken, newSessionNonce } = require('../utils/passwords');

const router = express.Router();

async function findUserByEmail(email) {
  const { rows } = await pool.query(
    'SELECT id, account_id, email, role, password_hash, password_salt FROM users WHERE email = $1',
    [email],
  );
  return rows[0];
}

function issueToken(user, extra = {}) {
  return jwt.sign(
    { sub: user.id, accountId: user.account_id, role: user.role, jti: newSessionNonce(), ...extra },
    config.jwt.secret,
    { algorithm: 'HS256', expiresIn: config.jwt.expiresIn },
  );
}

router.post('/login', async (req, res, next) => {
  try {
    const { email, password } = req.body;
    const user = await findUserByEmail(String(email || '').toLowerCase());
    if (!user || !(await verifyPassword(password, user))) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }
    if (!user.password_hash.startsWith('$2')) {
      await pool.query('UPDATE users SET password_hash = $1, password_salt = NULL WHERE id = $2', [await hashPassword(password), user.id]);
    }
    const token = issueToken(user);
    res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 12 * 3600 * 1000 }); //@safe
    if (req.is('application/json')) return res.json({ token });
    const returnTo = req.body.returnTo || req.query.returnTo;
    return res.redirect(returnTo || '/app'); //@vuln CWE-601
  } catch (err) {
    return next(err);
  }
});

router.post('/impersonate', requireAuth, requireRole('support'), async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT id, account_id, role FROM users WHERE id = $1', [req.body.userId]);
    if (!rows.length) return res.status(404).json({ error: 'not_found' });
    const token = issueToken(rows[0], { impersonatedBy: req.user.sub });
    res.cookie('session', token, { maxAge: 3600 * 1000, sameSite: 'lax' }); //@vuln CWE-614|CWE-1004
    return res.json({ ok: true });
  } catch (err) {
    return next(err);
  }
});

router.post('/password-reset', async (req, res, next) => {
  try {
    const user = await findUserByEmail(String(req.body.email || '').toLowerCase());
    if (user) {
      const token = newResetToken();
      await pool.query(
        "UPDATE users SET reset_token = $1, reset_expires = now() + interval '1 hour' WHERE id = $2",
        [token, user.id],
      );
    }
    res.status(202).json({ ok: true });
  } catch (err) {
    next(err);
  }
});

const SSO_DESTINATIONS = new Set(['/app', '/app/billing', '/app/settings', '/app/invoices']);

router.get('/sso/complete', (req, res) => {
  const dest = SSO_DESTINATIONS.has(req.query.dest) ? req.query.dest : '/app';
  res.redirect(dest); //@safe
});

module.exports = router;
