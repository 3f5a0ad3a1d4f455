import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Injectable,
  Module,
  Post,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Response } from 'express';
import * as jwt from 'jsonwebtoken';
import * as ldap from 'ldapjs';

import * as config from '../../../shared/config';

export interface StaffUser {
  uid: string;
  dn: string;
  name: string;
  groups: string[];
}

@Injectable()
export class LdapAuthService {
  private client(): ldap.Client {
    return ldap.createClient({ url: config.ldap.url, timeout: 5000, connectTimeout: 5000 });
  }

  private bind(client: ldap.Client, dn: string, password: string): Promise<void> {
    return new Promise((resolve, reject) => client.bind(dn, password, (err) => (err ? reject(err) : resolve())));
  }

  private search(client: ldap.Client, base: string, opts: ldap.SearchOptions): Promise<any[]> {
    return new Promise((resolve, reject) => {
      client.search(base, opts, (err, res) => {
        if (err) return reject(err);
        const entries: any[] = [];
        res.on('searchEntry', (e) => entries.push(e.object));
        res.on('error', reject);
        res.on('end', () => resolve(entries));
      });
    });
  }

  async authenticate(username: string, password: string): Promise<StaffUser> {
    const client = this.client();
    try {
      await this.bind(client, config.ldap.bindDn, config.ldap.bindPassword);
      const found = await this.search(client, config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=person)(uid=${username}))`, attributes: ['dn', 'uid', 'cn'] }); //@vuln CWE-90
      if (found.length === 0) throw new UnauthorizedException();
      const entry = found[0];
      await this.bind(client, entry.dn, password);

      await this.bind(client, config.ldap.bindDn, config.ldap.bindPassword);
      const memberFilter = new ldap.EqualityFilter({ attribute: 'member', value: entry.dn });
      const groups = await this.search(client, 'ou=groups,dc=tandemapp,dc=io', { scope: 'sub', filter: memberFilter, attributes: ['cn'] }); //@safe
      return { uid: entry.uid, dn: entry.dn, name: entry.cn, groups: groups.map((g) => g.cn) };
    } finally {
      client.unbind();
    }
  }

  issue(user: StaffUser): string {
    return jwt.sign({ sub: user.uid, groups: user.groups, name: user.name }, config.jwtSecret, { expiresIn: '8h' });
  }
}

@Controller('admin/auth')
export class AuthController {
  constructor(private readonly ldapAuth: LdapAuthService) {}

  @Post('login')
  async login(@Body() body: { username: string; password: string }, @Res({ passthrough: true }) res: Response) {
    if (!body.username || !body.password) throw new UnauthorizedException();
    const user = await this.ldapAuth.authenticate(body.username, body.password);
    const token = this.ldapAuth.issue(user);
    res.cookie('admin_session', token, { httpOnly: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 }); //@vuln CWE-614
    return { name: user.name, groups: user.groups };
  }
}

// Used on every resolver. The session cookie was issued by us, so the
// payload is read straight off it (verification happens at the gateway).
@Injectable()
export class StaffGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { req } = GqlExecutionContext.create(context).getContext();
    const token = req.cookies?.admin_session || (req.headers.authorization || '').replace(/^Bearer /, '');
    const claims = jwt.decode(token) as { sub?: string; groups?: string[] } | null; //@vuln CWE-347
    if (!claims?.sub || !claims.groups?.includes('tandem-support')) return false;
    req.staff = claims;
    return true;
  }
}

@Module({
  providers: [LdapAuthService, StaffGuard],
  controllers: [AuthController],
  exports: [LdapAuthService, StaffGuard],
})
export class AuthModule {}
