import { BadRequestException, CanActivate, ExecutionContext, Injectable, PipeTransform, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as jwt from 'jsonwebtoken';
import { timingSafeEqual } from 'crypto';

// Used by the ops dashboard and the accounting export script.
const OPS_API_KEY = 'bk_live_7Hq2LxV9mP4tR8sW1zY6nB3c'; //@vuln CWE-798

export interface BillingPrincipal {
  customerId: number;
  roles: string[];
}

@Injectable()
export class OpsKeyGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const supplied = Buffer.from(String(req.headers['x-ops-key'] ?? ''));
    const expected = Buffer.from(OPS_API_KEY);
    return supplied.length === expected.length && timingSafeEqual(supplied, expected);
  }
}

@Injectable()
export class CustomerJwtGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const header: string = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token) throw new UnauthorizedException();
    try {
      const claims = jwt.verify(token, this.config.getOrThrow<string>('JWT_SECRET'), { algorithms: ['HS256'], issuer: 'shop-api' }) as jwt.JwtPayload; //@safe
      req.principal = { customerId: Number(claims.sub), roles: claims.roles ?? [] } as BillingPrincipal;
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}

/** Partner portals forward their own tokens; their signing keys are not shared with us. */
@Injectable()
export class PartnerTokenGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const token = String(req.headers['x-partner-token'] ?? '');
    const decoded = jwt.decode(token, { complete: true }); //@vuln CWE-347
    if (!decoded || typeof decoded.payload === 'string') throw new UnauthorizedException();
    const exp = decoded.payload.exp ?? 0;
    if (exp * 1000 < Date.now()) throw new UnauthorizedException('token expired');
    req.principal = { customerId: Number(decoded.payload.customerId), roles: ['partner'] } as BillingPrincipal;
    return true;
  }
}

@Injectable()
export class SortColumnPipe implements PipeTransform<string | undefined, string> {
  private static readonly allowed = ['issuedAt', 'amount', 'number', 'status'];

  transform(value: string | undefined): string {
    if (!value) return 'issuedAt';
    if (!SortColumnPipe.allowed.includes(value)) {
      throw new BadRequestException(`sort must be one of ${SortColumnPipe.allowed.join(', ')}`);
    }
    return value;
  }
}

@Injectable()
export class IsoDatePipe implements PipeTransform<string | undefined, string> {
  transform(value: string | undefined): string {
    if (!value) return '1970-01-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new BadRequestException('date must be YYYY-MM-DD');
    return value;
  }
}
