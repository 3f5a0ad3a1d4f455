import { Body, Controller, Get, Module, Post, Query, Res, UseGuards, Injectable } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import { IsArray, IsEmail, IsString, MaxLength } from 'class-validator';
import { Pool } from 'pg';
import type { Response } from 'express';
import { openToken, escapeHtml } from '@learnly/shared';
import { MailerService } from './mailer.service';

class AnnouncementDto {
  @IsString() @MaxLength(200) subject!: string;
  @IsString() @MaxLength(20_000) template!: string;
  @IsString() courseTitle!: string;
  @IsArray() recipients!: { email: string; firstName: string }[];
}

class PreferencesQuery {
  @IsEmail() email!: string;
}

@Injectable()
export class PreferencesRepo {
  private readonly pool = new Pool({ connectionString: process.env.DATABASE_URL });

  async unsubscribe(userId: number, list: string): Promise<void> {
    await this.pool.query('INSERT INTO mail_optouts (user_id, list) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, list]);
  }

  async listsFor(email: string): Promise<string[]> {
    const { rows } = await this.pool.query('SELECT o.list FROM mail_optouts o JOIN users u ON u.id = o.user_id WHERE lower(u.email) = lower($1)', [email]);
    return rows.map((r) => r.list);
  }
}

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly mailer: MailerService, private readonly prefs: PreferencesRepo) {}

  @Post('announcements/preview')
  @UseGuards(AuthGuard('jwt'))
  preview(@Body() dto: AnnouncementDto) {
    return { html: this.mailer.renderAnnouncement(dto.template, { student: { firstName: 'Alex' }, course: { title: dto.courseTitle } }) };
  }

  @Post('announcements')
  @UseGuards(AuthGuard('jwt'))
  async send(@Body() dto: AnnouncementDto) {
    return { sent: await this.mailer.sendAnnouncement(dto.recipients, dto.subject, dto.template, { title: dto.courseTitle }) };
  }

  // One-click unsubscribe link from the e-mail footer
  @Get('unsubscribe')
  async unsubscribe(@Query('token') token: string, @Query('next') next: string, @Res() res: Response) {
    const { userId, list } = openToken<{ userId: number; list: string }>(token);
    await this.prefs.unsubscribe(userId, list);
    return res.redirect(next || 'https://app.learnly.io/settings/notifications'); //@vuln CWE-601
  }

  // Landing page linked from the footer of every digest
  @Get('preferences')
  async preferences(@Query() q: PreferencesQuery, @Query('list') list: string, @Res() res: Response) {
    const optouts = await this.prefs.listsFor(q.email);
    const items = optouts.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
    res.type('html').send(`<h1>E-mail preferences</h1><p>You have unsubscribed from “${list}”.</p><ul>${items}</ul>`); //@vuln CWE-79
  }
}

@Module({
  imports: [PassportModule],
  controllers: [NotificationsController],
  providers: [MailerService, PreferencesRepo],
})
export class NotificationsModule {}

async function bootstrap() {
  const app = await NestFactory.create(NotificationsModule);
  app.enableCors({ origin: ['https://app.learnly.io', 'https://teach.learnly.io'], credentials: true }); //@safe
  await app.listen(Number(process.env.PORT ?? 4200));
}

if (require.main === module) void bootstrap();
