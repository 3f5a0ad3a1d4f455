import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import jwt, { JwtPayload } from 'jsonwebtoken';
import { readFileSync } from 'fs';

export interface GatewayUser {
  id: string;
  tenantId: number;
  email: string;
  roles: string[];
  service?: string;
}

const identityPublicKey = readFileSync(process.env.IDP_PUBLIC_KEY_PATH ?? '/etc/fleet/idp-public.pem', 'utf8');

@Injectable()
export class GqlAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const ctx = GqlExecutionContext.create(context).getContext();
    const req = ctx.req ?? context.switchToHttp().getRequest();

    const serviceToken = req.headers['x-service-token'];
    if (typeof serviceToken === 'string' && serviceToken.length > 0) {
      req.user = this.fromServiceToken(serviceToken);
      return true;
    }

    const header: string = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) {
      throw new UnauthorizedException('missing bearer token');
    }
    try {
      const claims = jwt.verify(header.slice(7), identityPublicKey, { algorithms: ['RS256'], audience: 'fleet-gateway', issuer: 'https://id.fleetline.io/' }) as JwtPayload;  //@safe
      req.user = {
        id: String(claims.sub),
        tenantId: Number(claims['https://fleetline.io/tenant']),
        email: String(claims.email),
        roles: (claims['https://fleetline.io/roles'] as string[]) ?? [],
      } satisfies GatewayUser;
      return true;
    } catch {
      throw new UnauthorizedException('invalid token');
    }
  }

  // Internal services (telemetry consumer, manifest lambda) call the gateway with their own tokens
  private fromServiceToken(token: string): GatewayUser {
    const claims = jwt.decode(token) as JwtPayload | null;  //@vuln CWE-347
    if (!claims || claims.iss !== 'fleet-internal') {
      throw new UnauthorizedException('unknown service');
    }
    return {
      id: `svc:${claims.sub}`,
      tenantId: Number(claims.tenantId),
      email: `${claims.sub}@services.fleetline.io`,
      roles: ['service'],
      service: String(claims.sub),
    };
  }
}
