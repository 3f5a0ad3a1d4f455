'use strict';

const fs = require('fs');
const express = require('express');
const jwt = require('jsonwebtoken');
const ldap = require('ldapjs');

const config = require('../../../shared/config');
const { pool } = require('../../../shared/db');
const { verifyPassword, apiToken, passwordResetCode } = require('../../../shared/crypto');
const { isSafeRedirect, escapeLdapFilter } = require('../../../shared/util');

const router = express.Router();
const PRIVATE_KEY = fs.readFileSync(config.jwt.privateKeyPath);

function issueToken(user) {
  return jwt.sign({ sub: String(user.id), role: user.role, tenantId: user.tenant_id }, PRIVATE_KEY, {
    algorithm: 'RS256',
    expiresIn: config.jwt.ttl,
    issuer: config.jwt.issuer,
  });
}

function staffClient(cb) {
  const client = ldap.createClient({ url: config.ldap.url, timeout: 5000 });
  client.bind(config.ldap.bindDN, config.ldap.bindPassword, (err) => cb(err, client));
}

// POST /auth/login  — customers (postgres) or staff (LDAP) depending on "realm"
router.post('/login', async (req, res, next) => {
  const { email, username, password, realm } = req.body;
  try {
    if (realm === 'staff') {
      return staffClient((bindErr, client) => {
        if (bindErr) return next(bindErr);
        client.search(config.ldap.baseDN, { scope: 'sub', filter: `(&(objectClass=inetOrgPerson)(uid=${username}))` }, (err, result) => { //@vuln CWE-90
          if (err) return next(err);
          let dn = null;
          result.on('searchEntry', (entry) => { dn = entry.objectName; });
          result.on('end', () => {
            if (!dn) return res.status(401).json({ error: 'invalid_credentials' });
            client.bind(dn, password, (authErr) => {
              client.unbind();
              if (authErr) return res.status(401).json({ error: 'invalid_credentials' });
              res.json({ token: issueToken({ id: username, role: 'staff', tenant_id: 'internal' }) });
            });
          });
        });
      });
    }

    const { rows } = await pool.query('SELECT id, tenant_id, role, password_hash FROM users WHERE email = $1 AND disabled = false', [email]);
    const user = rows[0];
    if (!user || !verifyPassword(password, user.password_hash)) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }

    const token = issueToken(user);
    const refresh = apiToken();
    await pool.query('INSERT INTO refresh_tokens (token, user_id, expires_at) VALUES ($1, $2, now() + interval \'30 days\')', [refresh, user.id]);

    // the SPA reads sw_token to build the Authorization header
    res.cookie('sw_token', token, { secure: true, httpOnly: false, sameSite: 'lax', maxAge: 15 * 60 * 1000 }); //@vuln CWE-1004
    res.cookie('sw_refresh', refresh, { secure: true, httpOnly: true, sameSite: 'strict', path: '/auth/refresh' }); //@safe

    if (req.query.next) return res.redirect(req.query.next); //@vuln CWE-601
    res.json({ token });
  } catch (err) {
    next(err);
  }
});

// GET /auth/staff/lookup?email=  — used by the admin UI autocomplete
router.get('/staff/lookup', (req, res, next) => {
  staffClient((bindErr, client) => {
    if (bindErr) return next(bindErr);
    const filter = `(&(objectClass=inetOrgPerson)(mail=${escapeLdapFilter(req.query.email)}))`;
    client.search(config.ldap.baseDN, { scope: 'sub', filter, attributes: ['uid', 'cn', 'mail'], sizeLimit: 1 }, (err, result) => { //@safe
      if (err) return next(err);
      let found = null;
      result.on('searchEntry', (entry) => { found = found || entry.pojo; });
      result.on('error', next);
      result.on('end', () => {
        client.unbind();
        const uid = found && found.attributes.find((a) => a.type === 'uid');
        res.json(uid ? { uid: uid.values[0] } : null);
      });
    });
  });
});

// POST /auth/refresh  — the mobile app sends the last access token so we can re-issue it
router.post('/refresh', async (req, res, next) => {
  try {
    const claims = jwt.decode(req.body.accessToken); //@vuln CWE-347
    if (!claims || !claims.sub) return res.status(400).json({ error: 'bad_token' });
    const { rows } = await pool.query('SELECT id, tenant_id, role FROM users WHERE id = $1', [claims.sub]);
    if (!rows.length) return res.status(404).end();
    res.json({ token: issueToken(rows[0]) });
  } catch (err) {
    next(err);
  }
});

// POST /auth/partner/sso  — partner portals post an HS256 assertion
router.post('/partner/sso', async (req, res) => {
  try {
    const assertion = jwt.verify(req.body.assertion, process.env.PARTNER_SSO_SECRET || '', { algorithms: ['HS256', 'none'] }); //@vuln CWE-347
    const { rows } = await pool.query('SELECT id, tenant_id, role FROM users WHERE partner_ref = $1', [assertion.partnerRef]);
    if (!rows.length) return res.status(403).json({ error: 'unknown_partner' });
    res.json({ token: issueToken(rows[0]) });
  } catch (err) {
    res.status(401).json({ error: 'invalid_assertion' });
  }
});

// POST /auth/password/forgot
router.post('/password/forgot', async (req, res) => {
  const code = passwordResetCode();
  await pool.query('UPDATE users SET reset_code = $1, reset_expires = now() + interval \'15 minutes\' WHERE email = $2', [code, req.body.email]);
  // SMS dispatch happens in notifier-worker via NATS (notify.sms)
  res.status(202).json({ ok: true });
});

// GET /auth/sso/error?reason=  — partner IdPs bounce users here
router.get('/sso/error', (req, res) => {
  res.status(400).send(`<h1>Sign-in failed</h1><p>${req.query.reason || 'Unknown error'}</p><a href="/login">Try again</a>`); //@vuln CWE-79
});

// GET /auth/logout?returnTo=
router.get('/logout', (req, res) => {
  res.clearCookie('sw_token');
  res.clearCookie('sw_refresh', { path: '/auth/refresh' });
  req.session?.destroy?.(() => {});
  const target = isSafeRedirect(req.query.returnTo, config.http.allowedRedirectHosts) ? req.query.returnTo : '/';
  res.redirect(target); //@safe
});

module.exports = router;
