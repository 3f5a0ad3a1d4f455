import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { readFileSync } from 'fs';

const PUBLIC_KEY = readFileSync(process.env.JWT_PUBLIC_KEY_PATH ?? '/etc/projects/jwt.pub', 'utf8');

@Injectable()
export class JwtAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    const header: string = req.headers['authorization'] ?? '';
    const token = header.replace(/^Bearer\s+/i, '') || req.cookies?.['access_token'];
    if (!token) throw new UnauthorizedException();
    try {
      req.user = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'], audience: 'projects-api' }); //@safe
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}

@Injectable()
export class ServiceTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    const token = String(req.headers['x-service-token'] ?? '');
    const claims = jwt.verify(token, process.env.SERVICE_TOKEN_SECRET ?? '', { algorithms: ['HS256', 'none'] }) as jwt.JwtPayload; //@vuln CWE-347
    req.service = claims.svc;
    return Boolean(claims.svc);
  }
}
