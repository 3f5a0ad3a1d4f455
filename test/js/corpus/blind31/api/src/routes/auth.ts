import { Router, Request, Response } from 'express';
import ldap from 'ldapjs';
import { User } from '../models';
import { signToken, partnerSso, AuthUser } from '../middleware/auth';
import { config, isProd } from '@bo/shared/config';
import { checkPassword, hashPassword, legacyPasswordHash, generateResetToken } from '@bo/shared/crypto';
import { renderTemplate, sendMail } from '@bo/shared/email/templates';

const router = Router();

function issueSession(res: Response, user: AuthUser) {
  const token = signToken(user);
  // the React app reads this to attach the Authorization header
  res.cookie('bo_token', token, { httpOnly: false, secure: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 }); //@vuln CWE-1004
  return token;
}

function toAuthUser(u: any): AuthUser {
  return { sub: String(u._id), email: u.email, role: u.role, orgId: String(u.orgId) };
}

function isLocalPath(target: unknown): target is string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.includes('\\');
}

router.post('/login', async (req: Request, res: Response) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email: email, active: true }); //@vuln CWE-943
  if (!user) return res.status(401).json({ error: 'invalid credentials' });

  let ok = false;
  if (user.passwordHash) {
    ok = await checkPassword(password, user.passwordHash);
  } else if (user.legacyHash && user.legacySalt) {
    ok = legacyPasswordHash(password, user.legacySalt) === user.legacyHash;
    if (ok) {
      user.passwordHash = await hashPassword(password);
      user.legacyHash = undefined;
    }
  }
  if (!ok) return res.status(401).json({ error: 'invalid credentials' });

  user.lastLoginAt = new Date();
  await user.save();
  const token = issueSession(res, toAuthUser(user));
  return res.json({ token, returnTo: isLocalPath(req.query.returnTo) ? req.query.returnTo : '/' });
});

router.post('/login/ldap', (req: Request, res: Response) => {
  const { username, password } = req.body;
  const client = ldap.createClient({ url: config.ldap.url, timeout: 5000 });
  client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
    if (bindErr) return res.status(502).json({ error: 'directory unavailable' });
    client.search(config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=inetOrgPerson)(uid=${username}))`, attributes: ['dn', 'mail'] }, (err, search) => { //@vuln CWE-90
      if (err) return res.status(500).json({ error: 'search failed' });
      let entryDn: string | null = null;
      let mail: string | null = null;
      search.on('searchEntry', (entry) => {
        entryDn = entry.objectName ? entry.objectName.toString() : null;
        mail = String(entry.attributes.find((a) => a.type === 'mail')?.values[0] ?? '');
      });
      search.on('end', () => {
        if (!entryDn) return res.status(401).json({ error: 'invalid credentials' });
        client.bind(entryDn, password, async (authErr) => {
          client.unbind();
          if (authErr) return res.status(401).json({ error: 'invalid credentials' });
          const user = await User.findOne({ email: String(mail).toLowerCase(), active: true });
          if (!user) return res.status(403).json({ error: 'no back-office account' });
          return res.json({ token: issueSession(res, toAuthUser(user)) });
        });
      });
    });
  });
});

router.get('/sso/partner', partnerSso, (req: Request, res: Response) => {
  issueSession(res, req.user!);
  return res.redirect(String(req.query.next || '/dashboard')); //@vuln CWE-601
});

router.get('/logout', (req: Request, res: Response) => {
  res.clearCookie('bo_token');
  req.session?.destroy(() => undefined);
  const target = isLocalPath(req.query.returnTo) ? req.query.returnTo : '/login';
  return res.redirect(target); //@safe
});

router.post('/forgot', async (req: Request, res: Response) => {
  const email = String(req.body.email || '').toLowerCase();
  const user = await User.findOne({ email }); //@safe
  if (user) {
    user.resetToken = generateResetToken();
    user.resetExpires = new Date(Date.now() + 60 * 60 * 1000);
    await user.save();
    const link = `${config.publicUrl}/reset?token=${user.resetToken}`;
    await sendMail(user.email, 'Reset your password', renderTemplate('reset-password', { name: user.name, link }));
  }
  return res.json({ ok: true });
});

router.post('/reset', async (req: Request, res: Response) => {
  const { token, password } = req.body;
  const user = await User.findOne({ resetToken: token, resetExpires: { $gt: new Date() } }); //@vuln CWE-943
  if (!user) return res.status(400).json({ error: 'invalid or expired token' });
  user.passwordHash = await hashPassword(password);
  user.resetToken = undefined;
  user.resetExpires = undefined;
  await user.save();
  if (!isProd) console.log(`[auth] password reset for ${user.email}`);
  return res.json({ ok: true });
});

export default router;
