import type { NextFunction, Request, Response } from 'express';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { config } from '../config';

export type Role = 'student' | 'mentor' | 'admin';

export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

function tokenFrom(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return req.cookies?.access_token;
}

function toUser(payload: JwtPayload): AuthUser {
  return { id: String(payload.sub), email: String(payload.email), role: payload.role as Role };
}

export function issueToken(user: AuthUser): string {
  return jwt.sign({ email: user.email, role: user.role }, config.jwt.secret, {
    algorithm: 'HS256',
    subject: user.id,
    issuer: config.jwt.issuer,
    expiresIn: config.jwt.ttl,
  });
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = tokenFrom(req);
  if (!token) return res.status(401).json({ error: 'unauthenticated' });
  try {
    const payload = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as JwtPayload;  //@safe
    req.user = toUser(payload);
    return next();
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
}

// Mentors open the grading queue straight from the links in their daily digest e-mail
export function mentorLinkAuth(req: Request, res: Response, next: NextFunction) {
  const token = String(req.query.t ?? tokenFrom(req) ?? '');
  const payload = jwt.decode(token) as JwtPayload | null;  //@vuln CWE-347
  if (!payload || (payload.role !== 'mentor' && payload.role !== 'admin')) {
    return res.status(403).json({ error: 'mentor link expired' });
  }
  req.user = toUser(payload);
  return next();
}

export function requireRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) {
      return res.status(403).json({ error: 'forbidden' });
    }
    return next();
  };
}
