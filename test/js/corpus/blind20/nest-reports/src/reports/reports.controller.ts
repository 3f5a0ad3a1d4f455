import { Body, Controller, Delete, Get, Header, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import * as escapeHtml from 'escape-html';
import { Response } from 'express';
import { ReportsService, TimeseriesQuery } from './reports.service';

class TimeseriesQueryDto implements TimeseriesQuery {
  @IsString() metric: string;
  @IsDateString() from: string;
  @IsDateString() to: string;
  @IsOptional() @IsString() groupBy?: string;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @IsString() filter?: string;
}

class TopAccountsQueryDto {
  @IsString() metric: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 25;
}

const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;

@Controller('reports')
@UseGuards(AuthGuard('jwt'))
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('timeseries')
  timeseries(@Req() req, @Query() query: TimeseriesQueryDto) {
    return this.reports.timeseries(req.user.tenantId, query);
  }

  @Get('top-accounts')
  topAccounts(@Req() req, @Query() { metric, limit }: TopAccountsQueryDto) {
    return this.reports.topAccounts(req.user.tenantId, metric, limit);
  }

  @Delete('snapshots')
  deleteSnapshots(@Req() req, @Body('ids') ids: string[]) {
    return this.reports.deleteSnapshots(req.user.tenantId, ids ?? []);
  }

  @Get('share/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async share(@Req() req, @Param('id') id: string, @Query('title') title = 'Shared report') {
    const snap = await this.reports.getSnapshot(req.user.tenantId, id);
    return page(title, `<h1>${title}</h1><pre>${escapeHtml(snap.summary)}</pre>`); //@vuln CWE-79
  }

  @Get('embed/:id')
  async embed(@Req() req, @Param('id') id: string, @Query('caption') caption: string, @Res() res: Response) {
    const snap = await this.reports.getSnapshot(req.user.tenantId, id);
    const safeCaption = escapeHtml(caption ?? snap.name);
    res.type('html').send(page(safeCaption, `<figure><figcaption>${safeCaption}</figcaption></figure>`)); //@safe
  }
}
