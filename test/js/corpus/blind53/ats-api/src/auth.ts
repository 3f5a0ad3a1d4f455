import { Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';
import { config } from './config';
import { HttpError } from '@hireloop/shared/util';

export interface RecruiterClaims {
  sub: string;
  email: string;
  role: 'recruiter' | 'hiring_manager' | 'admin';
  orgId: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: RecruiterClaims;
  }
}

export function requireRecruiter(req: Request, _res: Response, next: NextFunction) {
  const header = req.headers.authorization || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!token) return next(new HttpError(401, 'missing token'));
  try {
    req.user = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as RecruiterClaims; //@safe
    next();
  } catch {
    next(new HttpError(401, 'invalid token'));
  }
}

export interface CandidateLinkClaims {
  applicationId: number;
  email: string;
}

/**
 * Candidate "track my application" links are JWTs e-mailed by the careers site.
 * The careers site signs them with its own key, so here we only read the claims.
 */
export function readCandidateLink(token: string): CandidateLinkClaims | null {
  const claims = jwt.decode(token) as CandidateLinkClaims | null; //@vuln CWE-347
  if (!claims || typeof claims.applicationId !== 'number') return null;
  return claims;
}
