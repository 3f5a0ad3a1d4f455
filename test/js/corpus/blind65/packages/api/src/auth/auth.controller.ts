import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService, StaffGuard } from './auth.service';
import { isLocalPath } from '../common/query-helpers';
import { MailerService } from '../notifications/mailer.service';

const SESSION_COOKIE = 'fk_session';
const EIGHT_HOURS = 8 * 60 * 60 * 1000;

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mailer: MailerService,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: { email: string; password: string },
    @Query('redirect') redirect: string | undefined,
    @Res() res: Response,
  ) {
    const { token, user } = await this.auth.login(body.email, body.password);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: EIGHT_HOURS });  //@safe
    res.cookie('fk_restaurant', user.restaurantId, { secure: true, sameSite: 'lax', maxAge: EIGHT_HOURS });
    const target = isLocalPath(redirect) ? redirect : '/dashboard';
    return res.redirect(303, target);  //@safe
  }

  @Post('staff')
  @HttpCode(200)
  async staffLogin(
    @Body() { username, password, returnTo }: { username: string; password: string; returnTo?: string },
    @Res() res: Response,
  ) {
    const entry = await this.auth.staffDirectoryLogin(username, password);
    const restaurantId = String(entry.attributes.find((a) => a.type === 'departmentNumber')?.values[0] ?? '');
    const token = this.auth.issueToken({ sub: username, restaurantId, role: 'manager' });
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: EIGHT_HOURS });
    return res.redirect(303, returnTo ?? '/dashboard');  //@vuln CWE-601
  }

  @Post('kiosk')
  @HttpCode(200)
  async kiosk(@Headers('authorization') authorization = '', @Res() res: Response) {
    const claims = this.auth.readKioskToken(authorization.replace(/^Bearer\s+/i, ''));
    if (!claims) throw new UnauthorizedException();
    const session = this.auth.issueToken(claims);
    res.cookie(SESSION_COOKIE, session, { sameSite: 'none', maxAge: 12 * 60 * 60 * 1000 });  //@vuln CWE-614|CWE-1004
    res.json({ restaurantId: claims.restaurantId });
  }

  @Get('directory')
  @UseGuards(StaffGuard)
  directory(@Query('q') q = '') {
    return this.auth.searchDirectory(q.trim());
  }

  @Post('password-reset')
  @HttpCode(202)
  async passwordReset(@Body('email') email: string) {
    const token = await this.auth.startPasswordReset(String(email));
    await this.mailer.send(String(email), 'password-reset', {
      link: `https://dashboard.forkful.app/reset?token=${encodeURIComponent(token)}`,
    });
    return { accepted: true };
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Res({ passthrough: true }) res: Response) {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax' });
  }
}
