import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Response } from 'express';
import * as path from 'path';
import { appConfig } from '../config';
import { AuthedRequest, JwtAuthGuard } from '../auth/auth.service';
import { escapeHtml } from '../common/utils';
import { AnnouncementDto, CreateTournamentDto } from './tournament.models';
import { TournamentsService } from './tournaments.service';

interface SearchQuery {
  game?: string;
  sort?: string;
  page?: string;
}

@Controller('tournaments')
export class TournamentsController {
  constructor(private readonly tournaments: TournamentsService) {}

  @Get()
  search(@Query() query: SearchQuery) {
    const { game = 'all', sort = 't.starts_at', page = '1' } = query;
    return this.tournaments.search(game, sort, Number(page) || 1);
  }

  @Post()
  @UseGuards(JwtAuthGuard)
  create(@Body() dto: CreateTournamentDto, @Req() req: AuthedRequest) {
    return this.tournaments.create(dto, req.user);
  }

  @Get('go')
  go(@Query('to') to: string, @Res() res: Response) {
    return res.redirect(to || '/');  //@vuln CWE-601
  }

  @Get('watch')
  watch(@Query('url') raw: string, @Res() res: Response) {
    let target: URL;
    try {
      target = new URL(raw);
    } catch {
      throw new BadRequestException('Invalid stream url');
    }
    if (target.protocol !== 'https:' || !appConfig.streamHosts.includes(target.hostname)) {
      throw new BadRequestException('Unsupported stream host');
    }
    return res.redirect(target.toString());  //@safe
  }

  @Get(':slug/attachments')
  attachment(@Param('slug') slug: string, @Query('file') file: string, @Res() res: Response) {
    return res.sendFile(path.join(appConfig.storage.rulesDir, slug, file));  //@vuln CWE-22
  }

  @Get(':slug/banner')
  banner(@Param('slug') slug: string, @Query('variant') variant = 'wide', @Res() res: Response) {
    const root = path.resolve(appConfig.storage.bannerDir);
    const target = path.resolve(root, `${slug}-${variant}.webp`);
    if (!target.startsWith(root + path.sep)) throw new BadRequestException();
    return res.sendFile(target);  //@safe
  }

  @Get(':slug/share')
  async share(@Param('slug') slug: string, @Query('ref') ref = '', @Res() res: Response) {
    const t = await this.tournaments.findBySlug(slug);
    if (!t) throw new NotFoundException();
    const html = `<!doctype html><html><head>
<meta property="og:title" content="${escapeHtml(t.name)}">
<meta property="og:description" content="${escapeHtml(t.game)} tournament on Gauntlet">
<meta http-equiv="refresh" content="0;url=/t/${encodeURIComponent(t.slug)}?ref=${ref}">
</head><body>Taking you to ${escapeHtml(t.name)}…</body></html>`;
    res.type('html').send(html);  //@vuln CWE-79
  }

  @Patch(':id/settings')
  @UseGuards(JwtAuthGuard)
  updateSettings(@Param('id') id: string, @Body('settings') settings: Record<string, unknown>, @Req() req: AuthedRequest) {
    return this.tournaments.updateSettings(id, req.user, settings ?? {});
  }

  @Patch(':id/overlay-theme')
  @UseGuards(JwtAuthGuard)
  updateTheme(@Param('id') id: string, @Body() theme: Record<string, unknown>, @Req() req: AuthedRequest) {
    return this.tournaments.updateOverlayTheme(id, req.user, theme);
  }

  @Post(':id/bracket')
  @UseGuards(JwtAuthGuard)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2_000_000 } }))
  importBracket(@Param('id') id: string, @UploadedFile() file: Express.Multer.File) {
    if (!file) throw new BadRequestException('file is required');
    return this.tournaments.importBracket(id, file.buffer.toString('utf8'));
  }

  @Post(':id/results')
  @UseGuards(JwtAuthGuard)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2_000_000 } }))
  importResults(@Param('id') id: string, @UploadedFile() file: Express.Multer.File) {
    if (!file) throw new BadRequestException('file is required');
    return this.tournaments.importResults(id, file.buffer.toString('utf8'));
  }

  @Post(':id/announcements/preview')
  @UseGuards(JwtAuthGuard)
  previewAnnouncement(@Param('id') id: string, @Body() dto: AnnouncementDto) {
    return this.tournaments.renderAnnouncement(id, dto.template);
  }

  @Delete(':id/registrations/:teamId')
  @UseGuards(JwtAuthGuard)
  withdraw(@Param('id') id: string, @Param('teamId') teamId: string) {
    return this.tournaments.withdraw(id, teamId);
  }
}
