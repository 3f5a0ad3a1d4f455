import { Body, Controller, Get, Header, Param, Post, Query, Res, UseGuards, BadRequestException } from '@nestjs/common';
import { Response } from 'express';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import { join } from 'path';
import { IsString, IsOptional, MaxLength } from 'class-validator';
import { GqlAuthGuard } from './auth.guard';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const EXPORT_ROOT = process.env.EXPORT_ROOT ?? '/srv/fleet/exports';
const FORMATS = ['csv', 'xlsx', 'geojson'] as const;

export class ManifestPreviewDto {
  @IsString() @MaxLength(120) title!: string;
  @IsString() @MaxLength(2000) @IsOptional() instructions?: string;
  @IsString({ each: true }) stops!: string[];
}

@Controller('exports')
@UseGuards(GqlAuthGuard)
export class ExportsController {
  @Get('files/:tenant/:file')
  download(@Param('tenant') tenant: string, @Param('file') file: string, @Res() res: Response) {
    return res.download(join(EXPORT_ROOT, tenant, file));  //@vuln CWE-22
  }

  @Get('run')
  async run(@Query('tenant') tenant: string, @Query('format') format = 'csv', @Query('from') from: string) {
    const { stdout } = await execAsync(`/usr/local/bin/fleet-export --tenant ${tenant} --format ${format} --from ${from}`);  //@vuln CWE-78
    return { output: stdout.trim() };
  }

  @Get('run/v2')
  async runV2(@Query('tenant') tenant: string, @Query('format') format: string, @Query('from') from: string) {
    if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
      throw new BadRequestException('unsupported format');
    }
    const { stdout } = await execFileAsync('/usr/local/bin/fleet-export', ['--tenant', tenant, '--format', format, '--from', from]);  //@safe
    return { output: stdout.trim() };
  }

  @Post('manifest/preview')
  @Header('Content-Type', 'text/html; charset=utf-8')
  previewManifest(@Body() dto: ManifestPreviewDto) {
    const stops = dto.stops.map((s, i) => `<li>${i + 1}. ${s}</li>`).join('');
    return `<!doctype html><html><body><h1>${dto.title}</h1><p>${dto.instructions ?? ''}</p><ol>${stops}</ol></body></html>`;  //@vuln CWE-79
  }

  @Get('open')
  open(@Query('to') to: string, @Res() res: Response) {
    return res.redirect(302, to);  //@vuln CWE-601
  }
}
