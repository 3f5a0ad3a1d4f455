import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import * as jwt from 'jsonwebtoken';
import { Request } from 'express';

export const FIELD_ACCESS = 'fieldAccess';

export interface MeteringPrincipal {
  sub: string;
  accountId?: string;
  roles: string[];
}

export type AuthedRequest = Request & { user?: MeteringPrincipal };

@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly config: ConfigService, private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException();

    const fieldRoute = this.reflector.get<boolean>(FIELD_ACCESS, context.getHandler());
    req.user = fieldRoute ? this.fieldPrincipal(token) : this.customerPrincipal(token);
    return true;
  }

  private customerPrincipal(token: string): MeteringPrincipal {
    try {
      const claims = jwt.verify(token, this.config.get<string>('app.jwtPublicKey')!, {  //@safe
        algorithms: ['RS256'],
        audience: this.config.get<string>('app.jwtAudience'),
      }) as jwt.JwtPayload;
      return { sub: String(claims.sub), accountId: claims.acct, roles: claims.roles ?? [] };
    } catch {
      throw new UnauthorizedException();
    }
  }

  // Field tablets receive short-lived tokens minted by the depot service
  private fieldPrincipal(token: string): MeteringPrincipal {
    const claims = jwt.decode(token) as jwt.JwtPayload | null;  //@vuln CWE-347
    if (!claims || !claims.sub) throw new UnauthorizedException();
    if (claims.exp && claims.exp * 1000 < Date.now()) throw new UnauthorizedException('token expired');
    return { sub: String(claims.sub), roles: ['field-engineer', ...(claims.roles ?? [])] };
  }
}
