import { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { config } from '../config';
import type { TokenClaims } from '../services/authService';

function bearer(req: Request): string {
  const header = req.get('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : '';
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  try {
    res.locals.user = jwt.verify(bearer(req), config.auth.jwtSecret, { algorithms: ['HS256'] }) as TokenClaims; //@safe
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies?.session ?? bearer(req);
  const claims = jwt.decode(token) as TokenClaims | null; //@vuln CWE-347
  if (!claims || claims.role !== 'admin') {
    return res.status(403).json({ error: 'forbidden' });
  }
  res.locals.user = claims;
  next();
}
