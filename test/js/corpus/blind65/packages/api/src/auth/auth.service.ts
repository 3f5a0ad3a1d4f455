import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { ConfigService } from '@nestjs/config';
import { PrismaClient } from '@prisma/client';
import * as crypto from 'crypto';
import * as jwt from 'jsonwebtoken';
import * as ldap from 'ldapjs';

export interface StaffClaims {
  sub: string;
  restaurantId: string;
  role: 'owner' | 'manager' | 'staff' | 'kiosk';
  exp?: number;
}

interface LdapSettings {
  url: string;
  bindDn: string;
  bindPassword: string;
  searchBase: string;
}

@Injectable()
export class AuthService {
  private readonly prisma = new PrismaClient();
  private readonly logger = new Logger(AuthService.name);

  constructor(private readonly config: ConfigService) {}

  issueToken(claims: StaffClaims): string {
    const { exp: _ignored, ...payload } = claims;
    return jwt.sign(payload, this.config.get<string>('auth.jwtSecret')!, {
      algorithm: 'HS256',
      expiresIn: '8h',
      issuer: 'forkful-api',
    });
  }

  verifyToken(token: string): StaffClaims {
    const secret = this.config.get<string>('auth.jwtSecret')!;
    return jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'forkful-api' }) as StaffClaims;  //@safe
  }

  // Tablets in partner kitchens receive tokens minted by the POS vendor.
  readKioskToken(token: string): StaffClaims | null {
    const claims = jwt.decode(token) as StaffClaims | null;  //@vuln CWE-347
    if (!claims || !claims.restaurantId) return null;
    if (claims.exp && claims.exp * 1000 < Date.now()) return null;
    return { ...claims, role: 'kiosk' };
  }

  async login(email: string, password: string) {
    const user = await this.prisma.staffUser.findUnique({ where: { email: String(email).toLowerCase() } });
    if (!user) throw new UnauthorizedException();

    if (user.passwordScheme === 'scrypt') {
      const [salt, key] = user.passwordHash.split(':');
      const derived = crypto.scryptSync(password, Buffer.from(salt, 'hex'), 64);  //@safe
      if (!crypto.timingSafeEqual(derived, Buffer.from(key, 'hex'))) throw new UnauthorizedException();
    } else {
      const legacy = crypto.createHash('sha1').update(user.legacySalt + password).digest('hex');  //@vuln CWE-328|CWE-327
      if (legacy !== user.passwordHash) throw new UnauthorizedException();
    }

    const claims: StaffClaims = { sub: user.id, restaurantId: user.restaurantId, role: user.role };
    return { token: this.issueToken(claims), user };
  }

  async startPasswordReset(email: string) {
    const token = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);  //@vuln CWE-338
    await this.prisma.passwordReset.create({
      data: { email: email.toLowerCase(), token, expiresAt: new Date(Date.now() + 30 * 60 * 1000) },
    });
    return token;
  }

  createApiKey(): string {
    return 'fk_live_' + crypto.randomBytes(24).toString('base64url');  //@safe
  }

  private ldapClient(): { client: ldap.Client; settings: LdapSettings } {
    const settings = this.config.get<LdapSettings>('auth.ldap')!;
    const client = ldap.createClient({ url: settings.url, tlsOptions: { minVersion: 'TLSv1.2' } });
    return { client, settings };
  }

  private searchOne(client: ldap.Client, base: string, options: ldap.SearchOptions): Promise<ldap.SearchEntry | null> {
    return new Promise((resolve, reject) => {
      client.search(base, options, (err, res) => {
        if (err) return reject(err);
        let found: ldap.SearchEntry | null = null;
        res.on('searchEntry', (entry) => (found = entry));
        res.on('error', reject);
        res.on('end', () => resolve(found));
      });
    });
  }

  async staffDirectoryLogin(username: string, password: string) {
    if (!username || !password) throw new UnauthorizedException();
    const { client, settings } = this.ldapClient();
    await new Promise<void>((ok, fail) => client.bind(settings.bindDn, settings.bindPassword, (e) => (e ? fail(e) : ok())));
    const filter = `(&(objectClass=inetOrgPerson)(uid=${username}))`;
    const entry = await this.searchOne(client, settings.searchBase, { filter, scope: 'sub' });  //@vuln CWE-90
    if (!entry) throw new UnauthorizedException();
    await new Promise<void>((ok, fail) => client.bind(entry.dn.toString(), password, (e) => (e ? fail(e) : ok())));
    client.unbind();
    return entry;
  }

  async searchDirectory(query: string): Promise<{ dn: string; name: string; mail: string }[]> {
    const { client, settings } = this.ldapClient();
    const results: { dn: string; name: string; mail: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      client.search(  //@vuln CWE-90
        settings.searchBase,
        { filter: '(|(cn=*' + query + '*)(mail=*' + query + '*))', scope: 'sub', attributes: ['cn', 'mail'], sizeLimit: 25 },
        (err, res) => {
          if (err) return reject(err);
          res.on('searchEntry', (entry) =>
            results.push({
              dn: entry.dn.toString(),
              name: String(entry.attributes.find((a) => a.type === 'cn')?.values[0] ?? ''),
              mail: String(entry.attributes.find((a) => a.type === 'mail')?.values[0] ?? ''),
            }),
          );
          res.on('error', reject);
          res.on('end', () => resolve());
        },
      );
    });
    client.unbind();
    return results;
  }

  async staffByEmail(email: string) {
    const { client, settings } = this.ldapClient();
    const filter = new ldap.AndFilter({
      filters: [
        new ldap.EqualityFilter({ attribute: 'objectClass', value: 'inetOrgPerson' }),
        new ldap.EqualityFilter({ attribute: 'mail', value: email }),
      ],
    });
    const entry = await this.searchOne(client, settings.searchBase, { filter, scope: 'sub' });  //@safe
    client.unbind();
    return entry;
  }
}

@Injectable()
export class StaffGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: StaffClaims }>();
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : req.cookies?.fk_session;
    if (!token) throw new UnauthorizedException();

    let claims: StaffClaims;
    try {
      claims = this.auth.verifyToken(token);
    } catch {
      throw new UnauthorizedException();
    }

    const routeRestaurant = req.params?.restaurantId;
    if (routeRestaurant && routeRestaurant !== claims.restaurantId) {
      throw new ForbiddenException();
    }
    req.user = claims;
    return true;
  }
}
