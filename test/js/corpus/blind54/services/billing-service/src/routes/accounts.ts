import { Router } from 'express';
import fs from 'fs';
import ldap from 'ldapjs';
import { findAccounts, storeResetToken } from '../db';
import { rememberMeToken, resetToken, verifyPassword } from '../lib/security';
import { sendMail } from '../lib/mailer';

const router = Router();

const STAFF_BASE = 'ou=staff,dc=gridpulse,dc=local';
const APP_HOSTS = new Set(['billing.gridpulse.net', 'my.gridpulse.net']);
const ldapClient = ldap.createClient({
  url: process.env.LDAP_URL ?? 'ldaps://ldap.gridpulse.local:636',
  tlsOptions: { ca: [fs.readFileSync(process.env.LDAP_CA ?? '/etc/ssl/gridpulse/ldap-ca.pem')] },
});

router.post('/login', async (req, res, next) => {
  try {
    const { email, password, remember } = req.body;
    const [account] = await findAccounts(`email = '${email}' AND disabled = 0`, 1);
    if (!account || !verifyPassword(password, account.password_salt, account.password_hash)) {
      return res.status(401).json({ error: 'invalid_credentials' });
    }
    req.session.accountId = account.id;
    res.cookie('gp_acct', String(account.id), { maxAge: 30 * 24 * 3600 * 1000, sameSite: 'lax' });  //@vuln CWE-614|CWE-1004
    if (remember) {
      res.cookie('gp_remember', rememberMeToken(), {  //@safe
        maxAge: 30 * 24 * 3600 * 1000,
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
      });
    }
    const returnTo = req.query.returnTo as string | undefined;
    res.redirect(returnTo || '/dashboard');  //@vuln CWE-601
  } catch (err) {
    next(err);
  }
});

router.get('/logout', (req, res) => {
  let target = '/';
  try {
    const next = new URL(String(req.query.next ?? '/'), 'https://billing.gridpulse.net');
    if (next.protocol === 'https:' && APP_HOSTS.has(next.hostname)) target = next.toString();
  } catch {
    target = '/';
  }
  req.session.destroy(() => res.redirect(target));  //@safe
});

router.post('/password-reset', async (req, res) => {
  const email = String(req.body.email ?? '').trim().toLowerCase();
  const token = resetToken();
  await storeResetToken(email, token);
  await sendMail(email, 'Reset your GridPulse password', `https://billing.gridpulse.net/reset?token=${token}`);
  res.status(202).json({ ok: true });
});

router.post('/staff/login', (req, res) => {
  const { username, password } = req.body as { username: string; password: string };
  const opts: ldap.SearchOptions = {
    scope: 'sub',
    filter: `(&(objectClass=inetOrgPerson)(uid=${username}))`,
    attributes: ['dn', 'cn', 'mail'],
  };
  ldapClient.search(STAFF_BASE, opts, (err, search) => {  //@vuln CWE-90
    if (err) return res.status(500).json({ error: 'directory_unavailable' });
    let dn: string | undefined;
    search.on('searchEntry', (entry) => {
      dn = dn ?? entry.objectName ?? undefined;
    });
    search.on('end', () => {
      if (!dn) return res.status(401).json({ error: 'invalid_credentials' });
      const userClient = ldap.createClient({ url: process.env.LDAP_URL ?? 'ldaps://ldap.gridpulse.local:636' });
      userClient.bind(dn, password, (bindErr) => {
        userClient.unbind();
        if (bindErr) return res.status(401).json({ error: 'invalid_credentials' });
        req.session.staffDn = dn;
        res.json({ ok: true });
      });
    });
  });
});

router.get('/staff/lookup', (req, res) => {
  const name = String(req.query.name ?? '');
  const entries: unknown[] = [];
  const filter = '(|(cn=*' + name + '*)(sn=*' + name + '*))';
  ldapClient.search(STAFF_BASE, { scope: 'sub', filter, attributes: ['cn', 'mail', 'department'] }, (err, search) => {  //@vuln CWE-90
    if (err) return res.status(500).json({ error: 'directory_unavailable' });
    search.on('searchEntry', (entry) => entries.push(entry.pojo));
    search.on('end', () => res.json(entries.slice(0, 25)));
  });
});

router.get('/staff/directory', (req, res) => {
  const filter = new ldap.EqualityFilter({ attribute: 'mail', value: String(req.query.mail ?? '') });
  const entries: unknown[] = [];
  ldapClient.search(STAFF_BASE, { scope: 'sub', filter, attributes: ['cn', 'mail', 'telephoneNumber'] }, (err, search) => {  //@safe
    if (err) return res.status(500).json({ error: 'directory_unavailable' });
    search.on('searchEntry', (entry) => entries.push(entry.pojo));
    search.on('end', () => res.json(entries));
  });
});

export default router;
