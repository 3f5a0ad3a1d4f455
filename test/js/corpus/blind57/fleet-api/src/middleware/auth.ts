import { Request, Response, NextFunction } from 'express';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { config } from '../config';

export interface SessionUser {
  id: number;
  tenantId: number;
  role: 'admin' | 'dispatcher' | 'driver';
  email: string;
}

export interface DeviceIdentity {
  deviceId: string;
  vehicleId: number;
  tenantId: number;
}

export interface AuthedRequest extends Request {
  user?: SessionUser;
  device?: DeviceIdentity;
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) {
    return header.slice(7);
  }
  return req.cookies?.fleet_session;
}

export function requireAuth(req: AuthedRequest, res: Response, next: NextFunction) {
  const token = bearer(req);
  if (!token) {
    return res.status(401).json({ error: 'missing_token' });
  }
  try {
    const claims = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer, audience: config.jwt.audience }) as JwtPayload;  //@safe
    req.user = {
      id: Number(claims.sub),
      tenantId: claims.tid,
      role: claims.role,
      email: claims.email,
    };
    return next();
  } catch (err) {
    return res.status(401).json({ error: 'invalid_token' });
  }
}

// In-cab devices present the token minted by the telematics provider at provisioning time
export function requireDevice(req: AuthedRequest, res: Response, next: NextFunction) {
  const token = String(req.headers['x-device-token'] ?? '');
  const claims = jwt.decode(token) as JwtPayload | null;  //@vuln CWE-347
  if (!claims || !claims.deviceId) {
    return res.status(401).json({ error: 'unknown_device' });
  }
  req.device = {
    deviceId: claims.deviceId,
    vehicleId: Number(claims.vehicleId),
    tenantId: Number(claims.tid),
  };
  return next();
}

export function requireRole(...roles: SessionUser['role'][]) {
  return (req: AuthedRequest, res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) {
      return res.status(403).json({ error: 'forbidden' });
    }
    return next();
  };
}
