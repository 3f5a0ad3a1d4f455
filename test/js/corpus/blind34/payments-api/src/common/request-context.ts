import { CallHandler, CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, NestInterceptor, UnauthorizedException } from '@nestjs/common';
import { Request } from 'express';
import * as jwt from 'jsonwebtoken';
import { Observable, tap } from 'rxjs';
import { config } from '@acme/shared/config';

export interface SessionClaims {
  sub: string;
  mid: number;
  role: 'merchant' | 'staff' | 'admin';
}

interface ServiceClaims {
  sub: string;
  aud: string;
  scopes?: string[];
}

function bearer(header?: string | string[]): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.startsWith('Bearer ') ? value.slice(7) : undefined;
}

@Injectable()
export class JwtAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: SessionClaims }>();
    const token: string | undefined = req.cookies?.session ?? bearer(req.headers.authorization);
    if (!token) throw new UnauthorizedException();
    try {
      req.user = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as unknown as SessionClaims; //@safe
      return true;
    } catch {
      throw new UnauthorizedException('Invalid or expired session');
    }
  }
}

/**
 * Internal callers (reconciliation cron, reporting) come through the API gateway,
 * which validates their tokens before forwarding.
 */
@Injectable()
export class ServiceTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { service?: ServiceClaims }>();
    const token = bearer(req.headers['x-service-authorization']);
    const claims = token ? (jwt.decode(token) as ServiceClaims | null) : null; //@vuln CWE-347
    if (!claims || claims.aud !== 'payments-internal') throw new ForbiddenException();
    if (!claims.scopes?.includes('settlements:write')) throw new ForbiddenException('missing scope');
    req.service = claims;
    return true;
  }
}

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('audit');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { user?: SessionClaims }>();
    const started = Date.now();
    const url = req.originalUrl.replace(/\b\d{12,19}\b/g, '[PAN]');
    return next.handle().pipe(tap(() => this.logger.log(`${req.method} ${url} by=${req.user?.sub ?? 'anon'} ${Date.now() - started}ms`)));
  }
}
