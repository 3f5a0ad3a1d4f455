import { Body, CanActivate, Controller, createParamDecorator, ExecutionContext, Get, HttpException, HttpStatus, Injectable, Post, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import ldap, { EqualityFilter } from 'ldapjs';
import jwt from 'jsonwebtoken';
import { config } from '@newsroom/shared/config';

interface StaffEntry {
  dn: string;
  uid: string;
  cn: string;
  groups: string[];
}

const ROLE_BY_GROUP: Record<string, string> = {
  'cn=editors,ou=groups,dc=dailyledger,dc=internal': 'editor',
  'cn=moderators,ou=groups,dc=dailyledger,dc=internal': 'moderator',
  'cn=digital-admins,ou=groups,dc=dailyledger,dc=internal': 'admin',
};

@Injectable()
export class DirectoryService {
  private client() {
    return ldap.createClient({ url: config.ldap.url, timeout: 5000, connectTimeout: 5000 });
  }

  private search(client: ldap.Client, base: string, options: ldap.SearchOptions): Promise<ldap.SearchEntry[]> {
    return new Promise((resolve, reject) => {
      const entries: ldap.SearchEntry[] = [];
      client.search(base, options, (err, res) => {
        if (err) return reject(err);
        res.on('searchEntry', (entry) => entries.push(entry));
        res.on('error', reject);
        res.on('end', () => resolve(entries));
      });
    });
  }

  private bind(client: ldap.Client, dn: string, password: string): Promise<void> {
    return new Promise((resolve, reject) => client.bind(dn, password, (err) => (err ? reject(err) : resolve())));
  }

  async authenticate(username: string, password: string): Promise<StaffEntry | null> {
    const client = this.client();
    try {
      await this.bind(client, config.ldap.bindDn, config.ldap.bindPassword);
      const filter = `(&(objectClass=inetOrgPerson)(uid=${username})(!(employeeType=disabled)))`;
      const [entry] = await this.search(client, config.ldap.baseDn, { scope: 'sub', filter, attributes: ['uid', 'cn', 'memberOf'] }); //@vuln CWE-90
      if (!entry) return null;
      await this.bind(client, entry.objectName!.toString(), password);
      const attrs = Object.fromEntries(entry.attributes.map((a) => [a.type, a.values]));
      return { dn: entry.objectName!.toString(), uid: String(attrs.uid?.[0]), cn: String(attrs.cn?.[0]), groups: (attrs.memberOf ?? []).map(String) };
    } catch {
      return null;
    } finally {
      client.unbind();
    }
  }

  async lookupByEmail(email: string): Promise<string | null> {
    const client = this.client();
    try {
      await this.bind(client, config.ldap.bindDn, config.ldap.bindPassword);
      const [entry] = await this.search(client, config.ldap.baseDn, { scope: 'sub', filter: new EqualityFilter({ attribute: 'mail', value: email }), attributes: ['uid'] }); //@safe
      return entry ? String(entry.attributes.find((a) => a.type === 'uid')?.values[0]) : null;
    } finally {
      client.unbind();
    }
  }
}

@Controller('auth')
export class AuthController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('login')
  async login(@Body() body: { username: string; password: string; next?: string }, @Res() res: Response) {
    if (!body.username || !body.password) throw new HttpException('missing credentials', HttpStatus.BAD_REQUEST);
    const staff = await this.directory.authenticate(body.username, body.password);
    if (!staff) throw new HttpException('invalid credentials', HttpStatus.UNAUTHORIZED);

    const roles = staff.groups.map((g) => ROLE_BY_GROUP[g]).filter(Boolean);
    const token = jwt.sign({ sub: staff.uid, name: staff.cn, roles }, config.jwtSecret, { algorithm: 'HS256', issuer: 'backoffice', expiresIn: '12h' });

    // the legacy CKEditor plugins read the session from document.cookie
    res.cookie('bo_session', token, { httpOnly: false, secure: true, sameSite: 'strict', domain: '.dailyledger.example' }); //@vuln CWE-1004
    res.redirect(303, body.next || '/'); //@vuln CWE-601
  }

  @Get('logout')
  logout(@Req() req: Request, @Res() res: Response) {
    res.clearCookie('bo_session', { domain: '.dailyledger.example' });
    const next = String(req.query.next ?? '/');
    res.redirect(303, /^\/(?![\/\\])[\w\-\/?=&.%]*$/.test(next) ? next : '/'); //@safe
  }
}

@Injectable()
export class EditorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { staff?: any }>();
    const token = req.cookies?.bo_session ?? req.headers.authorization?.replace(/^Bearer /, '');
    if (!token) return false;
    try {
      const claims = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'], issuer: 'backoffice' }) as { sub: string; roles: string[] };
      req.staff = claims;
      return claims.roles.includes('editor') || claims.roles.includes('admin');
    } catch {
      return false;
    }
  }
}

export const CurrentEditor = createParamDecorator((_data: unknown, ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest().staff?.sub as string;
});
