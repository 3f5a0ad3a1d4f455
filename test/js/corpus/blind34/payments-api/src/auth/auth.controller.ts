import { BadRequestException, Body, Controller, Get, HttpCode, Post, Query, Res, UnauthorizedException } from '@nestjs/common';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Response } from 'express';
import * as ldap from 'ldapjs';
import * as jwt from 'jsonwebtoken';
import { config } from '@acme/shared/config';
import { generateResetToken, hashPassword } from '@acme/shared/crypto';
import { MailerService } from '../mail/mailer.service';
import { UsersService } from '../users/users.service';

class LoginDto {
  @IsEmail() email!: string;
  @IsString() @MinLength(8) password!: string;
}

class StaffLoginDto {
  @IsString() @MaxLength(64) username!: string;
  @IsString() password!: string;
}

class ForgotPasswordDto { @IsEmail() email!: string; }

class ResetPasswordDto {
  @IsString() token!: string;
  @IsString() @MinLength(10) password!: string;
}

const LOCAL_REDIRECTS = ['/dashboard', '/orders', '/payouts', '/settings'];

@Controller('auth')
export class AuthController {
  constructor(private readonly users: UsersService, private readonly mailer: MailerService) {}

  private findStaffDn(username: string): Promise<string | null> {
    const client = ldap.createClient({ url: config.ldap.url, timeout: 5_000, connectTimeout: 5_000 });
    return new Promise((resolve, reject) => {
      client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
        if (bindErr) return reject(bindErr);
        const filter = `(&(objectClass=inetOrgPerson)(uid=${username})(memberOf=cn=payments-ops,ou=groups,dc=acme,dc=io))`;
        client.search(config.ldap.baseDn, { scope: 'sub', filter, attributes: ['dn', 'mail'] }, (err, res) => { //@vuln CWE-90
          if (err) return reject(err);
          let dn: string | null = null;
          res.on('searchEntry', (entry) => {
            dn = entry.dn.toString();
          });
          res.on('error', reject);
          res.on('end', () => {
            client.unbind();
            resolve(dn);
          });
        });
      });
    });
  }

  private verifyStaffPassword(dn: string, password: string): Promise<boolean> {
    const client = ldap.createClient({ url: config.ldap.url, timeout: 5_000 });
    return new Promise((resolve) =>
      client.bind(dn, password, (err) => {
        client.unbind();
        resolve(!err);
      }),
    );
  }

  @Post('login')
  async login(@Body() dto: LoginDto, @Query('returnTo') returnTo: string | undefined, @Res() res: Response) {
    const user = await this.users.verifyCredentials(dto.email, dto.password);
    if (!user) throw new UnauthorizedException();
    const token = jwt.sign({ sub: user.id, mid: user.merchantId, role: user.role }, config.jwt.secret, { expiresIn: config.jwt.expiresIn, issuer: config.jwt.issuer });
    res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 15 * 60 * 1000 }); //@safe
    const target = returnTo && LOCAL_REDIRECTS.some((p) => returnTo === p || returnTo.startsWith(`${p}/`)) ? returnTo : '/dashboard';
    res.redirect(303, target); //@safe
  }

  @Post('staff/login')
  async staffLogin(@Body() dto: StaffLoginDto, @Query('next') next: string | undefined, @Res() res: Response) {
    const dn = await this.findStaffDn(dto.username);
    if (!dn || !(await this.verifyStaffPassword(dn, dto.password))) throw new UnauthorizedException();

    const access = jwt.sign({ sub: dto.username, role: 'staff' }, config.jwt.secret, { expiresIn: config.jwt.expiresIn, issuer: config.jwt.issuer });
    const refresh = jwt.sign({ sub: dto.username, typ: 'refresh' }, config.jwt.secret, { expiresIn: config.jwt.refreshExpiresIn });
    res.cookie('admin_session', access, { httpOnly: true, secure: false, sameSite: 'lax' }); //@vuln CWE-614
    res.cookie('admin_refresh', refresh, { secure: true, sameSite: 'strict', path: '/api/v1/auth/refresh' }); //@vuln CWE-1004
    res.redirect(303, next || '/admin'); //@vuln CWE-601
  }

  @Post('password/forgot')
  @HttpCode(202)
  async forgotPassword(@Body() dto: ForgotPasswordDto) {
    const user = await this.users.findByEmail(dto.email);
    if (user) {
      const token = generateResetToken();
      await this.users.saveResetToken(user.id, token, new Date(Date.now() + 60 * 60 * 1000));
      await this.mailer.send(user.email, 'Reset your Acme Pay password', `${config.publicBaseUrl}/reset?token=${token}`);
    }
    return { ok: true };
  }

  @Post('password/reset')
  @HttpCode(204)
  async resetPassword(@Body() dto: ResetPasswordDto) {
    const user = await this.users.consumeResetToken(dto.token);
    if (!user) throw new BadRequestException('Invalid or expired token');
    await this.users.updatePasswordHash(user.id, hashPassword(dto.password));
  }

  @Get('logout')
  logout(@Query('redirect_uri') redirectUri: string | undefined, @Res() res: Response) {
    res.clearCookie('session');
    res.clearCookie('admin_session');
    res.redirect(redirectUri ?? config.publicBaseUrl); //@vuln CWE-601
  }
}
