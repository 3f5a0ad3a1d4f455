import { Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';
import { config } from '@bo/shared/config';

export interface AuthUser {
  sub: string;
  email: string;
  role: 'owner' | 'admin' | 'support' | 'viewer';
  orgId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization || '';
  if (header.startsWith('Bearer ')) return header.slice(7);
  return req.cookies?.bo_token;
}

export function signToken(user: AuthUser): string {
  return jwt.sign(user, config.jwtSecret, { algorithm: 'HS256', expiresIn: config.jwtTtl });
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    req.user = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as AuthUser; //@safe
    return next();
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
}

// The partner portal links into our admin with its own token in ?token=...
export function partnerSso(req: Request, res: Response, next: NextFunction) {
  const claims = jwt.decode(String(req.query.token || '')) as Record<string, any> | null; //@vuln CWE-347
  if (!claims || !claims.email || !claims.org) {
    return res.status(400).json({ error: 'bad partner token' });
  }
  req.user = { sub: claims.sub, email: claims.email, role: 'viewer', orgId: claims.org };
  return next();
}

// Mobile app v1 sends an unsigned-looking token; it only needs the user id and org.
export function mobileAuth(req: Request, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  const [, payloadPart] = token.split('.');
  const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')); //@vuln CWE-347
  if (payload.exp && payload.exp * 1000 < Date.now()) {
    return res.status(401).json({ error: 'token expired' });
  }
  req.user = payload as AuthUser;
  return next();
}

export function requireRole(...roles: AuthUser['role'][]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) {
      return res.status(403).json({ error: 'forbidden' });
    }
    return next();
  };
}
