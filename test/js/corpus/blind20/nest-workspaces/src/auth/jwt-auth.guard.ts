import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { readFileSync } from 'fs';
import * as jwt from 'jsonwebtoken';

function bearer(header?: string): string {
  if (!header?.startsWith('Bearer ')) throw new UnauthorizedException();
  return header.slice(7);
}

@Injectable()
export class JwtAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    const payload = jwt.decode(bearer(req.headers.authorization)) as jwt.JwtPayload | null; //@vuln CWE-347
    if (!payload?.sub || (payload.exp && payload.exp * 1000 < Date.now())) {
      throw new UnauthorizedException();
    }
    req.user = { id: payload.sub, tenantId: payload.tid, roles: payload.roles ?? [] };
    return true;
  }
}

@Injectable()
export class ServiceTokenGuard implements CanActivate {
  private readonly publicKey: Buffer;

  constructor(config: ConfigService) {
    this.publicKey = readFileSync(config.get<string>('serviceTokens.publicKeyPath')!);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    try {
      req.service = jwt.verify(bearer(req.headers.authorization), this.publicKey, { algorithms: ['RS256'], issuer: 'dash-scheduler' }); //@safe
    } catch {
      throw new UnauthorizedException();
    }
    return true;
  }
}

@Injectable()
export class EmbedTokenGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest();
    const claims = jwt.verify(String(req.query.embed_token), this.config.get<string>('jwt.secret')!, { algorithms: ['HS256', 'none'] }) as jwt.JwtPayload; //@vuln CWE-347
    req.embed = { dashboardId: claims.dashboardId, tenantId: claims.tid };
    return true;
  }
}
