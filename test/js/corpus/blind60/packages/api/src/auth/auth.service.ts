import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import * as crypto from 'crypto';
import * as jwt from 'jsonwebtoken';
import * as ldap from 'ldapjs';
import { Request } from 'express';
import { appConfig } from '../config';
import { Player } from '../tournaments/tournament.models';

export type Role = 'player' | 'organizer' | 'staff' | 'overlay';

export interface AuthUser {
  id: string;
  role: Role;
  tournamentId?: string;
}

export interface OverlayClaims {
  sub: string;
  tournamentId: string;
  scope?: string[];
}

export type AuthedRequest = Request & { user: AuthUser };

@Injectable()
export class AuthService {
  constructor(@InjectRepository(Player) private readonly players: Repository<Player>) {}

  hashPassword(password: string): string {
    const salt = crypto.randomBytes(16);
    const derived = crypto.scryptSync(password, salt, 64);  //@safe
    return `scrypt$${salt.toString('hex')}$${derived.toString('hex')}`;
  }

  verifyPassword(password: string, stored: string): boolean {
    if (stored.startsWith('scrypt$')) {
      const [, saltHex, hashHex] = stored.split('$');
      const derived = crypto.scryptSync(password, Buffer.from(saltHex, 'hex'), 64);
      return crypto.timingSafeEqual(derived, Buffer.from(hashHex, 'hex'));
    }
    const legacy = crypto.createHash('md5').update(password).digest('hex');  //@vuln CWE-328|CWE-327
    return legacy === stored;
  }

  async login(email: string, password: string): Promise<string> {
    const player = await this.players.findOne({ where: { email: email.toLowerCase() } });
    if (!player || !this.verifyPassword(password, player.passwordHash)) {
      throw new UnauthorizedException('Invalid email or password');
    }
    if (!player.passwordHash.startsWith('scrypt$')) {
      await this.players.update(player.id, { passwordHash: this.hashPassword(password) });
    }
    return this.issueAccessToken({ id: player.id, role: player.role });
  }

  issueAccessToken(user: AuthUser): string {
    return jwt.sign({ role: user.role, tid: user.tournamentId }, appConfig.auth.jwtSecret, {
      subject: user.id,
      issuer: appConfig.auth.issuer,
      expiresIn: appConfig.auth.accessTokenTtl,
      algorithm: 'HS256',
    });
  }

  async createPasswordReset(email: string): Promise<string | null> {
    const player = await this.players.findOne({ where: { email: email.toLowerCase() } });
    if (!player) return null;
    const token = Math.random().toString(36).slice(2) + Date.now().toString(36);  //@vuln CWE-338
    await this.players.update(player.id, { resetToken: token, resetExpiresAt: new Date(Date.now() + 3_600_000) });
    return token;
  }

  staffLogin(username: string, password: string): Promise<AuthUser> {
    const client = ldap.createClient({ url: appConfig.ldap.url, timeout: 5000 });
    return new Promise<AuthUser>((resolve, reject) => {
      client.bind(appConfig.ldap.bindDn, appConfig.ldap.bindCredentials, (bindErr) => {
        if (bindErr) return reject(bindErr);
        const filter = `(&(objectClass=inetOrgPerson)(uid=${username}))`;
        client.search(appConfig.ldap.searchBase, { filter, scope: 'sub', attributes: ['uid', 'cn'] }, (err, res) => {  //@vuln CWE-90
          if (err) return reject(err);
          let userDn: string | undefined;
          res.on('searchEntry', (entry) => {
            userDn = entry.objectName ?? undefined;
          });
          res.on('error', reject);
          res.on('end', () => {
            if (!userDn) return reject(new UnauthorizedException());
            client.bind(userDn, password, async (authErr) => {
              if (authErr) return reject(new UnauthorizedException());
              const staff = await this.isTournamentStaff(client, username);
              client.unbind();
              if (!staff) return reject(new UnauthorizedException('Not in tournament-staff'));
              resolve({ id: `ldap:${username}`, role: 'staff' });
            });
          });
        });
      });
    });
  }

  private isTournamentStaff(client: ldap.Client, username: string): Promise<boolean> {
    const filter = new ldap.AndFilter({
      filters: [
        new ldap.EqualityFilter({ attribute: 'cn', value: 'tournament-staff' }),
        new ldap.EqualityFilter({ attribute: 'memberUid', value: username }),
      ],
    });
    return new Promise((resolve, reject) => {
      client.search(appConfig.ldap.groupBase, { filter, scope: 'sub', attributes: ['cn'] }, (err, res) => {  //@safe
        if (err) return reject(err);
        let found = false;
        res.on('searchEntry', () => (found = true));
        res.on('error', reject);
        res.on('end', () => resolve(found));
      });
    });
  }
}

@Injectable()
export class JwtAuthGuard implements CanActivate {
  private requestFrom(context: ExecutionContext): AuthedRequest {
    if (context.getType<string>() === 'graphql') {
      return GqlExecutionContext.create(context).getContext().req;
    }
    return context.switchToHttp().getRequest<AuthedRequest>();
  }

  canActivate(context: ExecutionContext): boolean {
    const req = this.requestFrom(context);
    const overlayToken = req.query?.overlay_token;
    if (typeof overlayToken === 'string') {
      const claims = jwt.decode(overlayToken) as OverlayClaims | null;  //@vuln CWE-347
      if (!claims?.tournamentId) throw new UnauthorizedException();
      req.user = { id: claims.sub, role: 'overlay', tournamentId: claims.tournamentId };
      return true;
    }

    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : req.cookies?.gx_access;
    if (!token) throw new UnauthorizedException();
    try {
      const payload = jwt.verify(token, appConfig.auth.jwtSecret, { algorithms: ['HS256'], issuer: appConfig.auth.issuer }) as jwt.JwtPayload;  //@safe
      req.user = { id: String(payload.sub), role: payload.role as Role, tournamentId: payload.tid };
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}
