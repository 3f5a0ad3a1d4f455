import type { NextApiRequest, NextApiResponse } from 'next';
import { randomUUID } from 'crypto';
import { prisma, connectMongo, HostProfile } from '../../../lib/db';
import { issueSession, readSession, rememberDevice } from '../../../lib/session';
import { verifyPassword, hashPassword, passwordResetToken } from '@stayhub/common/src/security';
import { sendMail } from '@stayhub/common/src/mailer';
import { config } from '@stayhub/common/src/config';

function safeNext(raw: unknown): string {
  const next = typeof raw === 'string' ? raw : '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

async function login(req: NextApiRequest, res: NextApiResponse) {
  const { email, password, remember } = req.body || {};
  if (typeof email !== 'string' || typeof password !== 'string') return res.status(400).json({ error: 'email and password required' });

  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user || !(await verifyPassword(password, user.passwordHash, user.legacySalt ?? undefined))) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  if (user.passwordHash.startsWith('legacy:')) {
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), legacySalt: null } });
  }
  issueSession(res, user);
  if (remember) rememberDevice(res, randomUUID());
  res.json({ ok: true, next: safeNext(req.query.next) });
}

/** Channel managers log hosts in with e-mail + partner API key. */
async function partnerLogin(req: NextApiRequest, res: NextApiResponse) {
  await connectMongo();
  const { email, apiKey } = req.body || {};
  const profile = await HostProfile.findOne({ email, partnerApiKey: apiKey }).lean(); //@vuln CWE-943
  if (!profile) return res.status(401).json({ error: 'invalid partner credentials' });
  const user = await prisma.user.findUniqueOrThrow({ where: { id: profile.userId! } });
  issueSession(res, user);
  res.json({ ok: true });
}

async function requestReset(req: NextApiRequest, res: NextApiResponse) {
  await connectMongo();
  const email = String(req.body?.email || '').toLowerCase();
  const host = await HostProfile.findOne({ email: { $eq: email } }).select('displayName').lean(); //@safe
  const user = await prisma.user.findUnique({ where: { email } });
  if (user) {
    const token = passwordResetToken();
    await prisma.passwordReset.create({ data: { userId: user.id, token, expiresAt: new Date(Date.now() + 3600_000) } });
    await sendMail(email, 'password-reset', 'Reset your StayHub password', { name: host?.displayName || user.name, link: `${config.publicUrl}/reset?token=${token}` });
  }
  res.json({ ok: true });
}

/** OAuth (Google / Apple) finishes here; the provider round-trips our `state`. */
async function oauthCallback(req: NextApiRequest, res: NextApiResponse) {
  const state = JSON.parse(Buffer.from(String(req.query.state || ''), 'base64url').toString('utf8') || '{}');
  const session = readSession(req);
  if (!session) return res.redirect(302, '/login?error=oauth');
  return res.redirect(302, state.returnTo || '/'); //@vuln CWE-601
}

async function logout(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Set-Cookie', 'sh_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax');
  return res.redirect(302, safeNext(req.query.next)); //@safe
}

/** Outbound click tracking for "visit host's website" links. */
async function go(req: NextApiRequest, res: NextApiResponse) {
  const to = String(req.query.to || '/');
  await prisma.outboundClick.create({ data: { url: to.slice(0, 2000), listingId: String(req.query.l || '') || null } }).catch(() => undefined);
  return res.redirect(302, to); //@vuln CWE-601
}

const routes: Record<string, [string | null, (req: NextApiRequest, res: NextApiResponse) => Promise<unknown>]> = {
  login: ['POST', login],
  'partner-login': ['POST', partnerLogin],
  reset: ['POST', requestReset],
  callback: [null, oauthCallback],
  logout: [null, logout],
  go: [null, go],
};

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const route = routes[String(req.query.action)];
  if (!route) return res.status(404).json({ error: 'not found' });
  if (route[0] && req.method !== route[0]) return res.status(405).end();
  return route[1](req, res);
}
