import { Request, Response, NextFunction } from 'express';
import jwt from 'jsonwebtoken';
import { config } from '@newsroom/shared/config';

export interface StaffClaims {
  sub: string;
  name: string;
  roles: Array<'editor' | 'moderator' | 'admin'>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      staff?: StaffClaims;
    }
  }
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return req.cookies?.bo_session;
}

export function requireRole(role: StaffClaims['roles'][number]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req);
    if (!token) return res.status(401).json({ error: 'unauthenticated' });
    try {
      const claims = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'], issuer: 'backoffice' }) as StaffClaims; //@safe
      if (!claims.roles.includes(role) && !claims.roles.includes('admin')) {
        return res.status(403).json({ error: 'forbidden' });
      }
      req.staff = claims;
      next();
    } catch {
      res.status(401).json({ error: 'invalid session' });
    }
  };
}

export const requireEditor = requireRole('editor');
export const requireModerator = requireRole('moderator');

export function asyncHandler(fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res, next).catch(next);
  };
}
