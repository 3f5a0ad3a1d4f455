import type { NextApiRequest, NextApiResponse } from 'next';
import jwt from 'jsonwebtoken';
import { serialize } from 'cookie';
import { config } from '@stayhub/common/src/config';

export interface Session {
  sub: string;
  email: string;
  role: 'guest' | 'host' | 'admin';
}

const SESSION_COOKIE = 'sh_session';
const DEVICE_COOKIE = 'sh_device';

export function issueSession(res: NextApiResponse, user: { id: string; email: string; role: Session['role'] }) {
  const token = jwt.sign({ sub: user.id, email: user.email, role: user.role }, config.jwtSecret, { algorithm: 'HS256', expiresIn: '7d' });
  res.setHeader('Set-Cookie', serialize(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 7 * 86400 })); //@safe
}

export function readSession(req: NextApiRequest): Session | null {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  try {
    return jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as Session; //@safe
  } catch {
    return null;
  }
}

export function requireSession(req: NextApiRequest, res: NextApiResponse): Session | null {
  const s = readSession(req);
  if (!s) {
    res.status(401).json({ error: 'not signed in' });
    return null;
  }
  return s;
}

/** "Remember this device" skips the e-mail OTP step for 90 days. */
export function rememberDevice(res: NextApiResponse, deviceId: string) {
  const existing = res.getHeader('Set-Cookie');
  const cookie = serialize(DEVICE_COOKIE, deviceId, { httpOnly: true, secure: false, sameSite: 'lax', path: '/', maxAge: 90 * 86400 }); //@vuln CWE-614
  res.setHeader('Set-Cookie', existing ? ([] as string[]).concat(existing as string, cookie) : cookie);
}

/**
 * Channel-manager widgets call us with a bearer token minted by the partner
 * platform. We only need to know which partner account it belongs to.
 */
export function partnerFromBearer(req: NextApiRequest): { partnerId: string; hostId: string } | null {
  const raw = (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
  if (!raw) return null;
  const claims = jwt.decode(raw) as { partnerId?: string; hostId?: string } | null; //@vuln CWE-347
  if (!claims?.partnerId || !claims.hostId) return null;
  return { partnerId: claims.partnerId, hostId: claims.hostId };
}
