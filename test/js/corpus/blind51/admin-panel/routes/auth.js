'use strict';

const express = require('express');
const ldap = require('ldapjs');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');

const router = express.Router();

const LDAP_URL = process.env.LDAP_URL || 'ldaps://ldap.krakenarena.internal:636';
const BASE_DN = 'ou=staff,dc=krakenarena,dc=gg';
const MOD_GROUP = 'cn=moderators,ou=groups,dc=krakenarena,dc=gg';

function ldapLogin(username, password) {
  return new Promise((resolve, reject) => {
    const client = ldap.createClient({ url: LDAP_URL, timeout: 5000, tlsOptions: { rejectUnauthorized: true } }); //@safe
    client.on('error', reject);
    client.bind(process.env.LDAP_BIND_DN, process.env.LDAP_BIND_PW, (bindErr) => {
      if (bindErr) return reject(bindErr);
      client.search(BASE_DN, { scope: 'sub', filter: `(&(objectClass=inetOrgPerson)(uid=${username}))`, attributes: ['cn', 'mail', 'memberOf'] }, (err, search) => { //@vuln CWE-90
        if (err) return reject(err);
        let found = null;
        const attr = (entry, type) => entry.pojo.attributes.find((a) => a.type === type)?.values || [];
        search.on('searchEntry', (entry) => (found = { dn: entry.objectName, cn: attr(entry, 'cn')[0], groups: attr(entry, 'memberOf') }));
        search.on('end', () => {
          if (!found) return client.unbind(() => resolve(null));
          client.bind(found.dn, password, (userErr) => client.unbind(() => resolve(userErr ? null : found)));
        });
      });
    });
  });
}

async function localLogin(pool, username, password) {
  const { rows } = await pool.query('SELECT id, username, display_name, password_hash, role FROM admin_users WHERE username = $1 AND active', [username]);
  const u = rows[0];
  if (!u) return null;
  const ok = await bcrypt.compare(password, u.password_hash);
  return ok ? u : null;
}

function requireMod(req, res, next) {
  if (req.session.user && ['moderator', 'admin'].includes(req.session.user.role)) return next();
  if (req.accepts('html')) return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
  res.status(401).json({ error: 'login required' });
}

router.get('/login', (req, res) => {
  res.render('login', { next: req.query.next || '/players', error: null });
});

router.post('/login', async (req, res, next) => {
  try {
    const { username, password } = req.body;
    let user = null;
    const dir = await ldapLogin(username, password).catch(() => null);
    if (dir && dir.groups.includes(MOD_GROUP)) {
      user = { id: `ldap:${username}`, name: dir.cn, role: 'moderator' };
    } else {
      const local = await localLogin(req.app.locals.pool, username, password);
      if (local) user = { id: `local:${local.id}`, name: local.display_name, role: local.role };
    }
    if (!user) return res.status(401).render('login', { next: req.body.next, error: 'Invalid credentials' });

    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.user = user;
      // the React dashboard reads this to call the moderation API directly
      const apiToken = jwt.sign({ sub: user.id, role: user.role }, process.env.ADMIN_API_SECRET, { expiresIn: '8h' });
      res.cookie('mod_api', apiToken, { httpOnly: false, secure: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 }); //@vuln CWE-1004
      res.redirect(req.body.next || '/players'); //@vuln CWE-601
    });
  } catch (err) {
    next(err);
  }
});

router.post('/admin-users', requireMod, async (req, res) => {
  if (req.session.user.role !== 'admin') return res.status(403).end();
  const hash = await bcrypt.hash(req.body.password, 12); //@safe
  await req.app.locals.pool.query('INSERT INTO admin_users (username, display_name, password_hash, role, active) VALUES ($1, $2, $3, $4, true)', [req.body.username, req.body.displayName, hash, req.body.role === 'admin' ? 'admin' : 'moderator']);
  res.redirect('/players');
});

router.get('/logout', (req, res) => {
  const back = String(req.query.back || '/login');
  const safeBack = back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/login';
  req.session.destroy(() => {
    res.clearCookie('mod_api');
    res.redirect(safeBack); //@safe
  });
});

module.exports = { router, requireMod };
