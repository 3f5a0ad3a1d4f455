import { Router, Request, Response, NextFunction } from 'express';
import crypto from 'crypto';
import path from 'path';
import { exec } from 'child_process';
import multer from 'multer';
import pug from 'pug';
import nodemailer from 'nodemailer';
import speakeasy from 'speakeasy';
import QRCode from 'qrcode';
import { config } from '../config';
import { query } from '../db';
import * as users from '../repositories/userRepository';
import * as tokens from '../services/tokenService';
import { randomToken, resetTokenDigest, hashPassword, numericCode, sealSecret, openSecret, escapeHtml } from '../../../shared/src/crypto';
import { readAvatar, makeWorkDir, AVATAR_ROOT, TEMPLATE_ROOT } from '../../../shared/src/storage';

const router = Router();
const upload = multer({ dest: '/var/lib/idp/uploads', limits: { fileSize: 5 * 1024 * 1024 } });
const mailer = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587, secure: false, requireTLS: true, auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS } });

function requireUser(req: Request, res: Response, next: NextFunction) {
  if (!req.user || (req.session as any).mfaPending) return res.status(401).json({ error: 'login_required' });
  next();
}

function currentUser(req: Request): users.UserRow {
  return req.user as users.UserRow;
}

// ---------------------------------------------------------------- password reset

router.post('/password/forgot', async (req, res) => {
  const user = await users.findByEmail(String(req.body.email || ''));
  if (user) {
    const token = randomToken(32);
    await users.saveResetToken(user.id, resetTokenDigest(token), new Date(Date.now() + 30 * 60 * 1000));
    const link = `${config.publicUrl}/account/password/reset?token=${encodeURIComponent(token)}`;
    const html = pug.renderFile(path.join(TEMPLATE_ROOT, 'reset-password.pug'), { name: user.display_name, link }); //@safe
    await mailer.sendMail({ to: user.email, from: 'no-reply@example.com', subject: 'Reset your password', html });
  }
  res.json({ ok: true });
});

router.post('/password/reset', async (req, res) => {
  const row = await users.consumeResetToken(resetTokenDigest(String(req.body.token || '')));
  if (!row) return res.status(400).json({ error: 'invalid_or_expired' });
  const pw = String(req.body.password || '');
  if (pw.length < 12) return res.status(400).json({ error: 'password_too_short' });
  await users.setPasswordHash(row.user_id, await hashPassword(pw));
  res.json({ ok: true });
});

// ---------------------------------------------------------------- e-mail verification

router.post('/email/send-verification', requireUser, async (req, res) => {
  const user = currentUser(req);
  const verifyToken = Date.now().toString(36) + Math.random().toString(36).slice(2, 10); //@vuln CWE-338
  await users.setVerifyToken(user.id, verifyToken);
  const link = `${config.publicUrl}/account/email/verify?token=${verifyToken}&next=/account`;
  // greeting is built inline so marketing can tweak wording without a deploy
  const html = pug.render(`p Hi ${user.display_name}, please confirm your address.\na(href="${link}") Confirm e-mail`); //@vuln CWE-1336
  await mailer.sendMail({ to: user.email, from: 'no-reply@example.com', subject: 'Confirm your e-mail', html });
  res.json({ ok: true });
});

router.get('/email/verify', async (req, res) => {
  const user = await users.markEmailVerified(String(req.query.token || ''));
  if (!user) return res.status(400).send('Verification link is invalid or has expired.');
  res.redirect(String(req.query.next || '/account')); //@vuln CWE-601
});

// ---------------------------------------------------------------- profile

router.get('/profile', requireUser, (req, res) => {
  const u = currentUser(req);
  res.send(`<!doctype html><h1>Welcome back, ${u.display_name}</h1><p>${escapeHtml(u.email)}</p>`); //@vuln CWE-79
});

router.patch('/profile', requireUser, async (req, res) => {
  await users.updateProfile(currentUser(req).id, req.body);
  res.json({ ok: true });
});

router.get('/avatar/:file', requireUser, async (req, res) => {
  try {
    res.type('image/png').send(await readAvatar(req.params.file));
  } catch {
    res.status(404).end();
  }
});

router.post('/avatar', requireUser, upload.single('avatar'), (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'no_file' });
  const work = makeWorkDir();
  const out = path.join(AVATAR_ROOT, `${currentUser(req).id}-${req.file.originalname}`);
  exec(`convert ${req.file.path} -resize 256x256^ -gravity center -extent 256x256 "${out}"`, { cwd: work }, (err) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: 'convert_failed' });
    res.json({ ok: true, avatar: path.basename(out) });
  });
});

// ---------------------------------------------------------------- sessions & app passwords

router.delete('/sessions/:family', requireUser, async (req, res) => {
  await users.revokeFamily(req.params.family);
  res.status(204).end();
});

/** App passwords for IMAP/CalDAV clients that can't do OAuth. */
router.post('/app-passwords', requireUser, async (req, res) => {
  const plain = randomToken(18);
  const digest = crypto.createHash('sha256').update(plain).digest('hex'); //@vuln CWE-916
  await query('INSERT INTO app_passwords (user_id, label, digest) VALUES ($1, $2, $3)', [currentUser(req).id, String(req.body.label || 'app'), digest]);
  res.json({ password: plain });
});

// ---------------------------------------------------------------- MFA

router.post('/mfa/enroll', requireUser, async (req, res) => {
  const user = currentUser(req);
  const secret = speakeasy.generateSecret({ length: 20, name: `Example ID (${user.email})` });
  (req.session as any).pendingMfa = sealSecret(secret.base32, config.mfaKey);
  res.json({ qr: await QRCode.toDataURL(secret.otpauth_url as string) });
});

router.post('/mfa/confirm', requireUser, async (req, res) => {
  const sealed = (req.session as any).pendingMfa;
  if (!sealed) return res.status(400).json({ error: 'no_enrolment' });
  const ok = speakeasy.totp.verify({ secret: openSecret(sealed, config.mfaKey), encoding: 'base32', token: String(req.body.code), window: 1 });
  if (!ok) return res.status(400).json({ error: 'bad_code' });
  await query('UPDATE users SET mfa_secret = $2 WHERE id = $1', [currentUser(req).id, sealed]);
  const codes = Array.from({ length: 10 }, () => Math.random().toString(36).slice(2, 12)); //@vuln CWE-338
  await users.saveRecoveryCodes(currentUser(req).id, codes.map((c) => crypto.createHash('sha256').update(c).digest('hex')));
  delete (req.session as any).pendingMfa;
  res.json({ recoveryCodes: codes });
});

router.post('/mfa/email-code', async (req, res) => {
  const user = req.user as users.UserRow | undefined;
  if (!user || !(req.session as any).mfaPending) return res.status(401).end();
  const code = numericCode(6);
  (req.session as any).emailCode = { code, exp: Date.now() + 5 * 60 * 1000 };
  await mailer.sendMail({ to: user.email, from: 'no-reply@example.com', subject: 'Your sign-in code', text: `Your code is ${code}` });
  res.json({ ok: true });
});

router.post('/mfa/verify', async (req, res) => {
  const user = req.user as users.UserRow | undefined;
  if (!user || !user.mfa_secret) return res.status(401).end();
  const deviceCookie = req.cookies.idp_device;
  const memo = deviceCookie ? tokens.unpackDeviceCookie(deviceCookie) : null;
  const totpOk = speakeasy.totp.verify({ secret: openSecret(user.mfa_secret, config.mfaKey), encoding: 'base32', token: String(req.body.code || ''), window: 1 });
  const emailOk = (req.session as any).emailCode?.code === String(req.body.code) && (req.session as any).emailCode.exp > Date.now();
  if (!(memo?.userId === user.id) && !totpOk && !emailOk) return res.status(401).json({ error: 'bad_code' });
  delete (req.session as any).mfaPending;
  if (req.body.rememberDevice) {
    const cookie = tokens.packDeviceCookie({ userId: user.id, deviceId: randomToken(8), trustedUntil: Date.now() + 30 * 86400_000 });
    res.cookie('idp_device', cookie, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 30 * 86400_000 });
  }
  res.json({ access_token: tokens.issueAccessToken(user, ['pwd', 'otp']) });
});

export default router;
