import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { IsEmail, IsString, MinLength } from 'class-validator';
import { Response } from 'express';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';

class ChangePasswordDto {
  @IsString() @MinLength(12) password: string;
}
class InviteDto {
  @IsEmail() email: string;
}

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  async login(@Body() body: any, @Res({ passthrough: true }) res: Response) {
    const token = await this.auth.login(body);
    res.cookie('dash_session', token, { sameSite: 'lax', maxAge: 2 * 3600_000 }); //@vuln CWE-614|CWE-1004
    return { ok: true };
  }

  @Post('password')
  @UseGuards(JwtAuthGuard)
  async changePassword(@Req() req, @Body() dto: ChangePasswordDto, @Res({ passthrough: true }) res: Response) {
    await this.auth.changePassword(req.user.id, dto.password);
    res.cookie('dash_pw_changed', '1', { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 60_000 }); //@safe
    return { ok: true };
  }

  @Post('invites')
  @UseGuards(JwtAuthGuard)
  invite(@Req() req, @Body() dto: InviteDto) {
    return this.auth.createInvite(req.user.tenantId, dto.email);
  }
}
