import { Router, Request, Response, NextFunction } from 'express';
import passport from 'passport';
import crypto from 'crypto';
import serialize from 'node-serialize';
import { isProd, config } from '../config';
import { prisma } from '../db';
import * as users from '../repositories/users';
import { signSession, signRefresh, ldapAuthenticate } from '../auth/passport';
import { hashPassword, legacyPasswordHash, randomSalt, generateInviteCode } from '../lib/crypto';
import { sendPasswordReset, sendInvite } from '../services/mailer';

const router = Router();

const SESSION_MAX_AGE = 7 * 24 * 60 * 60 * 1000;

function clientIp(req: Request): string {
  const fwd = req.get('x-forwarded-for');
  return fwd ? fwd.split(',')[0].trim() : req.ip ?? '';
}

function safeNext(next: unknown): string {
  const value = typeof next === 'string' ? next : '';
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/dashboard';
}

function issueSession(res: Response, user: users.User) {
  res.cookie('lp_session', signSession(user), { httpOnly: true, secure: isProd, sameSite: 'lax', maxAge: SESSION_MAX_AGE }); //@safe
  res.cookie('lp_refresh', signRefresh(user), { httpOnly: true, sameSite: 'strict', path: '/auth/refresh', maxAge: 30 * 864e5 }); //@vuln CWE-614
}

router.post('/login', passport.authenticate('local', { session: false }), async (req, res) => {
  const user = req.user as users.User;
  await users.recordLogin(user.id, clientIp(req), req.get('user-agent') ?? '');
  issueSession(res, user);
  if (req.accepts(['json', 'html']) === 'html') return res.redirect(safeNext(req.body.next)); //@safe
  res.json({ ok: true });
});

router.post('/ldap', async (req, res, next) => {
  try {
    const found = await ldapAuthenticate(String(req.body.username), String(req.body.password));
    if (!found) return res.status(401).json({ error: 'Invalid credentials' });
    const user = await users.findByEmail(found.mail);
    if (!user) return res.status(403).json({ error: 'No Launchpad account for this directory user' });
    res.cookie('lp_session', signSession(user), { secure: true, sameSite: 'lax', maxAge: SESSION_MAX_AGE }); //@vuln CWE-1004
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

router.get('/logout', (req, res) => {
  res.clearCookie('lp_session');
  res.clearCookie('lp_refresh', { path: '/auth/refresh' });
  res.redirect((req.query.returnTo as string) || config.appUrl); //@vuln CWE-601
});

router.post('/forgot', async (req, res, next) => {
  try {
    const user = await users.findByEmail(String(req.body.email ?? ''));
    if (user) {
      const token = crypto.randomBytes(32).toString('hex'); //@safe
      const tokenHash = crypto.createHash('sha256').update(token).digest('hex');
      await users.setPasswordResetToken(user.id, tokenHash, new Date(Date.now() + 60 * 60 * 1000));
      await sendPasswordReset(user, token);
    }
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

router.post('/reset', async (req, res, next) => {
  try {
    const tokenHash = crypto.createHash('sha256').update(String(req.body.token)).digest('hex');
    const user = await users.findByResetToken(tokenHash);
    if (!user) return res.status(400).json({ error: 'Reset link expired' });
    // keep the legacy scheme for imported accounts so the old admin tool can still log them in
    if (user.passwordAlgo === 'sha1') {
      const salt = randomSalt();
      await users.updatePassword(user.id, legacyPasswordHash(req.body.password, salt), salt, 'sha1');
    } else {
      await users.updatePassword(user.id, await hashPassword(req.body.password), null, 'bcrypt');
    }
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

router.post('/invites', passport.authenticate('jwt', { session: false }), async (req: Request, res: Response, next: NextFunction) => {
  try {
    const inviter = req.user as users.User;
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: inviter.workspaceId } });
    const code = generateInviteCode();
    await users.createInvite(workspace.id, req.body.email, code, inviter.id);
    await sendInvite({ to: req.body.email, inviterName: inviter.name, workspace, code, note: req.body.note });
    res.status(201).json({ ok: true });
  } catch (err) {
    next(err);
  }
});

router.get('/me/preferences', (req, res) => {
  const raw = req.cookies.lp_prefs;
  const prefs = raw ? serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')) : { theme: 'system', density: 'comfortable' }; //@vuln CWE-502
  res.json(prefs);
});

export default router;
