import type { NextApiRequest, NextApiResponse } from 'next';
import crypto from 'crypto';
import bcrypt from 'bcrypt';
import { prisma } from '@/lib/session';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const { email, password } = req.body ?? {};
  const user = await prisma.user.findUnique({ where: { email: String(email) } });
  if (!user || !(await bcrypt.compare(String(password), user.passwordHash))) {
    return res.status(401).json({ error: 'invalid_credentials' });
  }
  const sessionId = crypto.randomBytes(32).toString('hex'); //@safe
  await prisma.session.create({ data: { id: sessionId, userId: user.id, expiresAt: new Date(Date.now() + 7 * 864e5) } });
  res.setHeader('Set-Cookie', `sid=${sessionId}; Path=/; Max-Age=604800; SameSite=Lax`); //@vuln CWE-614|CWE-1004
  const variant = Math.random() < 0.5 ? 'a' : 'b'; //@safe
  res.status(200).json({ ok: true, onboardingVariant: variant });
}
