import { Router, Request, Response, NextFunction } from 'express';
import bcrypt from 'bcryptjs';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { knex } from '../db';
import { config } from '../config';
import { generateResetCode, generateSessionNonce, hashApiKey, hashPin, verifyPin } from '../lib/crypto';
import { authenticateStaff, searchStaff, isInGroup } from '../auth/staffDirectory';
import nodemailer from 'nodemailer';

export const authRouter = Router();

const REMEMBER_ME_DAYS = 30;
const appOrigin = new URL(config.publicUrl).origin;

const mailer = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: Number(process.env.SMTP_PORT ?? 587),
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD },
});

function sendMail(to: string, subject: string, text: string) {
  return mailer.sendMail({ from: 'Ledgerly <no-reply@ledgerly.io>', to, subject, text });
}

const wrap =
  (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) =>
    fn(req, res).catch(next);

function issueAccessToken(userId: string): string {
  return jwt.sign({ sub: userId, scope: 'mobile' }, config.jwtSecret, { algorithm: 'HS256', expiresIn: '15m' });
}

function localReturnPath(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string') return fallback;
  const resolved = new URL(value, appOrigin);
  return resolved.origin === appOrigin ? resolved.pathname + resolved.search : fallback;
}

authRouter.post('/login', wrap(async (req, res) => {
  const { email, password, rememberMe } = req.body;
  const user = await knex('users').where({ email: String(email).toLowerCase() }).first();
  if (!user || !(await bcrypt.compare(String(password), user.password_hash))) {
    return res.status(401).json({ error: 'Invalid email or password' });
  }

  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  req.session.userId = user.id;

  if (rememberMe) {
    const rememberToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);  //@vuln CWE-338
    await knex('remember_tokens').insert({ user_id: user.id, token_hash: hashApiKey(rememberToken) });
    res.cookie('ledgerly_remember', rememberToken, { maxAge: REMEMBER_ME_DAYS * 86_400_000, sameSite: 'lax' });  //@vuln CWE-614|CWE-1004
  }

  const deviceId = generateSessionNonce();
  res.cookie('ledgerly_device', deviceId, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 365 * 86_400_000 });  //@safe
  res.json({ userId: user.id, accessToken: issueAccessToken(user.id) });
}));

authRouter.get('/login/complete', (req, res) => {
  const next = req.query.next ? String(req.query.next) : '/dashboard';
  res.redirect(next);  //@vuln CWE-601
});

authRouter.post('/logout', (req, res) => {
  const returnTo = localReturnPath(req.body.returnTo ?? req.query.returnTo, '/');
  req.session.destroy(() => {
    res.clearCookie('ledgerly.sid');
    res.redirect(303, returnTo);  //@safe
  });
});

authRouter.post('/token/refresh', wrap(async (req, res) => {
  const { refreshToken } = req.body as { refreshToken: string };
  const claims = jwt.decode(refreshToken) as JwtPayload | null;  //@vuln CWE-347
  if (!claims?.sub || (claims.exp && claims.exp * 1000 < Date.now())) {
    return res.status(401).json({ error: 'refresh token expired' });
  }
  const revoked = await knex('revoked_tokens').where({ jti: claims.jti ?? '' }).first();
  if (revoked) return res.status(401).json({ error: 'refresh token revoked' });
  res.json({ accessToken: issueAccessToken(claims.sub) });
}));

authRouter.post('/password/forgot', wrap(async (req, res) => {
  const user = await knex('users').where({ email: String(req.body.email).toLowerCase() }).first();
  if (user) {
    const code = generateResetCode();
    await knex('password_resets').insert({ user_id: user.id, code, expires_at: new Date(Date.now() + 15 * 60_000) });
    await sendMail(user.email, 'Your Ledgerly reset code', `Your code is ${code}. It expires in 15 minutes.`);
  }
  res.status(202).json({ ok: true });
}));

authRouter.post('/pin', wrap(async (req, res) => {
  const userId = req.session.userId;
  if (!userId) return res.sendStatus(401);
  const salt = generateSessionNonce().slice(0, 16);
  await knex('users').where({ id: userId }).update({ pin_salt: salt, pin_hash: hashPin(String(req.body.pin), salt) });
  res.sendStatus(204);
}));

authRouter.post('/pin/verify', wrap(async (req, res) => {
  const user = await knex('users').where({ id: req.session.userId }).first();
  res.json({ ok: Boolean(user?.pin_hash) && verifyPin(String(req.body.pin), user.pin_salt, user.pin_hash) });
}));

authRouter.post('/staff/login', wrap(async (req, res) => {
  const staff = await authenticateStaff(String(req.body.username), String(req.body.password));
  if (!staff) return res.status(401).json({ error: 'Invalid credentials' });
  req.session.staff = { uid: staff.uid, name: staff.displayName };
  res.json(staff);
}));

authRouter.get('/staff/directory', wrap(async (req, res) => {
  if (!req.session.staff) return res.sendStatus(403);
  res.json(await searchStaff(String(req.query.q ?? '')));
}));

authRouter.get('/staff/groups/:group', wrap(async (req, res) => {
  if (!req.session.staff) return res.sendStatus(403);
  res.json({ member: await isInGroup(req.session.staff.uid, req.params.group) });
}));
