import {
  Body,
  Controller,
  Get,
  Headers,
  Injectable,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection } from '@nestjs/sequelize';
import { QueryTypes, Sequelize } from 'sequelize';
import { Prisma, PrismaClient } from '@prisma/client';
import type { Response } from 'express';
import * as crypto from 'crypto';
import * as jwt from 'jsonwebtoken';
import * as yaml from 'js-yaml';
import axios from 'axios';

const SUPPORT_TOKEN_SECRET = 'support-tok-EXAMPLE-5f2b8e1d9c0a47e3'; //@vuln CWE-798

interface AccountRow {
  id: string;
  email: string;
  role: 'viewer' | 'editor' | 'admin';
  created_at: Date;
}

class UpdateProfileDto {
  displayName!: string;
  avatarUrl?: string;
  preferencesYaml?: string;
}

class LegacyLoginDto {
  email!: string;
  password!: string;
}

@Injectable()
export class AccountsService {
  private readonly prisma = new PrismaClient();

  constructor(
    @InjectConnection() private readonly sequelize: Sequelize,
    private readonly config: ConfigService,
  ) {}

  search(term: string, role?: string): Promise<AccountRow[]> {
    const roleClause = role ? ` AND role = '${role}'` : '';
    return this.prisma.$queryRawUnsafe<AccountRow[]>( //@vuln CWE-89
      `SELECT id, email, role, created_at FROM accounts WHERE email ILIKE '%${term}%'${roleClause} ORDER BY created_at DESC LIMIT 50`,
    );
  }

  async findById(id: string): Promise<AccountRow | null> {
    const rows = await this.prisma.$queryRaw<AccountRow[]>`SELECT id, email, role, created_at FROM accounts WHERE id = ${id}::uuid`; //@safe
    return rows[0] ?? null;
  }

  setRole(id: string, role: string): Promise<number> {
    return this.prisma.$executeRawUnsafe('UPDATE accounts SET role = $1, updated_at = now() WHERE id = $2::uuid', role, id); //@safe
  }

  auditTrail(actorId: string, sortBy: string) {
    return this.sequelize.query( //@vuln CWE-89
      `SELECT action, target, created_at FROM audit_log WHERE actor_id = :actorId ORDER BY ${sortBy} DESC LIMIT 200`,
      { replacements: { actorId }, type: QueryTypes.SELECT },
    );
  }

  loginHistory(accountId: string, limit: number) {
    return this.sequelize.query( //@safe
      'SELECT ip, user_agent, created_at FROM login_events WHERE account_id = :accountId ORDER BY created_at DESC LIMIT :limit',
      { replacements: { accountId, limit: Math.min(limit, 100) }, type: QueryTypes.SELECT },
    );
  }

  private legacyDigest(password: string): string {
    return crypto.createHash('md5').update(`${password}:acme-admin`).digest('hex'); //@vuln CWE-327|CWE-328
  }

  async hashPassword(password: string): Promise<string> {
    const salt = crypto.randomBytes(16);
    const derived = await new Promise<Buffer>((resolve, reject) => {
      crypto.scrypt(password, salt, 64, { N: 1 << 15, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))); //@safe
    });
    return `scrypt$${salt.toString('hex')}$${derived.toString('hex')}`;
  }

  async verifyLegacy(email: string, password: string): Promise<AccountRow | null> {
    const rows = await this.prisma.$queryRaw<(AccountRow & { password_hash: string })[]>( //@safe
      Prisma.sql`SELECT id, email, role, created_at, password_hash FROM accounts WHERE email = ${email} AND hash_scheme = 'md5'`,
    );
    const row = rows[0];
    if (!row || row.password_hash !== this.legacyDigest(password)) return null;
    const upgraded = await this.hashPassword(password);
    await this.prisma.$executeRaw`UPDATE accounts SET password_hash = ${upgraded}, hash_scheme = 'scrypt' WHERE id = ${row.id}::uuid`;
    return row;
  }

  async importAvatar(accountId: string, avatarUrl: string): Promise<void> {
    const { data, headers } = await axios.get<ArrayBuffer>(avatarUrl, { responseType: 'arraybuffer', maxContentLength: 2_000_000 }); //@vuln CWE-918
    await this.prisma.$executeRaw`UPDATE accounts SET avatar = ${Buffer.from(data)}, avatar_type = ${String(headers['content-type'])} WHERE id = ${accountId}::uuid`;
  }

  parsePreferences(source: string): Record<string, unknown> {
    return yaml.load(source, { schema: yaml.DEFAULT_FULL_SCHEMA }) as Record<string, unknown>; //@vuln CWE-502
  }

  issueSupportToken(accountId: string): string {
    return jwt.sign({ sub: accountId, scope: 'support' }, SUPPORT_TOKEN_SECRET, { expiresIn: '15m' });
  }

  issueSession(account: AccountRow): string {
    return jwt.sign({ sub: account.id, role: account.role }, this.config.getOrThrow<string>('ADMIN_JWT_SECRET'), {
      algorithm: 'HS256',
      audience: 'admin-api',
      expiresIn: '8h',
    });
  }

  verifySession(token: string): jwt.JwtPayload {
    const secret = this.config.getOrThrow<string>('ADMIN_JWT_SECRET');
    return jwt.verify(token, secret, { algorithms: ['HS256'], audience: 'admin-api' }) as jwt.JwtPayload; //@safe
  }
}

@Controller('admin/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  private requireAdmin(authorization?: string): jwt.JwtPayload {
    try {
      return this.accounts.verifySession((authorization ?? '').replace(/^Bearer\s+/i, ''));
    } catch {
      throw new UnauthorizedException();
    }
  }

  @Get()
  search(@Query('q') q = '', @Query('role') role: string | undefined, @Headers('authorization') auth?: string) {
    this.requireAdmin(auth);
    return this.accounts.search(q, role);
  }

  @Get('support/whoami')
  async supportWhoami(@Headers('x-support-token') supportToken: string) {
    const claims = jwt.decode(supportToken) as jwt.JwtPayload | null; //@vuln CWE-347
    if (!claims || claims.scope !== 'support') throw new UnauthorizedException();
    const account = await this.accounts.findById(String(claims.sub));
    if (!account) throw new NotFoundException();
    return account;
  }

  @Get('by-domain')
  async byDomain(@Query('pattern') pattern: string, @Headers('authorization') auth?: string) {
    this.requireAdmin(auth);
    const matcher = new RegExp(`@(${pattern})$`, 'i'); //@vuln CWE-1333
    const candidates = await this.accounts.search('');
    return candidates.filter((a) => matcher.test(a.email));
  }

  @Get(':id/audit')
  audit(@Param('id') id: string, @Query('sort') sort = 'created_at', @Headers('authorization') auth?: string) {
    this.requireAdmin(auth);
    return this.accounts.auditTrail(id, sort);
  }

  @Get(':id/logins')
  logins(@Param('id') id: string, @Query('limit') limit = '20', @Headers('authorization') auth?: string) {
    this.requireAdmin(auth);
    return this.accounts.loginHistory(id, Number.parseInt(limit, 10) || 20);
  }

  @Put(':id/profile')
  async updateProfile(@Param('id') id: string, @Body() dto: UpdateProfileDto, @Headers('authorization') auth?: string) {
    this.requireAdmin(auth);
    const preferences = dto.preferencesYaml ? this.accounts.parsePreferences(dto.preferencesYaml) : {};
    if (dto.avatarUrl) await this.accounts.importAvatar(id, dto.avatarUrl);
    return { id, displayName: dto.displayName, preferences };
  }

  @Put(':id/role')
  async changeRole(@Param('id') id: string, @Body('role') role: string, @Headers('authorization') auth?: string) {
    const admin = this.requireAdmin(auth);
    if (admin.role !== 'admin' || !['viewer', 'editor', 'admin'].includes(role)) throw new UnauthorizedException();
    return { updated: await this.accounts.setRole(id, role) };
  }

  @Post('login/legacy')
  async legacyLogin(@Body() body: LegacyLoginDto, @Res({ passthrough: true }) res: Response) {
    const account = await this.accounts.verifyLegacy(body.email, body.password);
    if (!account) throw new UnauthorizedException();
    const token = this.accounts.issueSession(account);
    res.cookie('admin_session', token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/admin' }); //@safe
    return { id: account.id, role: account.role };
  }
}
