import {
  Body,
  Controller,
  Get,
  Header,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Response } from 'express';
import * as fs from 'fs';
import * as path from 'path';
import { EXPORT_DIR } from '../config/app.config';
import { FIELD_ACCESS, JwtAuthGuard } from '../auth/jwt-auth.guard';
import { MetersRepository } from '../meters/meters.repository';
import { ReadingsService } from './readings.service';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class AnomalyFilterDto {
  pattern!: string;
  meterIds!: string[];
}

class BulkStatusDto {
  ids!: string;
  status!: 'active' | 'suspended' | 'faulty';
}

@Controller('readings')
@UseGuards(JwtAuthGuard)
export class ReadingsController {
  constructor(
    private readonly readings: ReadingsService,
    private readonly meters: MetersRepository,
  ) {}

  @Get('search')
  search(
    @Query('meterId') meterId: string,
    @Query('sort') sort = 'read_at DESC',
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    return this.readings.search(meterId, sort, from, to);
  }

  @Get('region/:region')
  byRegion(@Param('region') region: string, @Query('tariff') tariff?: string) {
    return this.readings.byRegion(region, tariff);
  }

  @Get(':meterId/aggregate')
  aggregate(@Param('meterId') meterId: string, @Query('fn') fn = 'sum') {
    return this.readings.aggregate(meterId, fn);
  }

  @Get(':meterId/export')
  async exportFile(@Param('meterId') meterId: string, @Query('file') file: string, @Res() res: Response) {
    const target = path.join(EXPORT_DIR, meterId, file);
    if (!fs.existsSync(target)) throw new NotFoundException();
    return res.sendFile(target);  //@vuln CWE-22
  }

  @Get(':meterId/export/latest')
  async latestExport(@Param('meterId') meterId: string, @Res() res: Response) {
    const root = path.resolve(EXPORT_DIR);
    const target = path.resolve(root, meterId, 'latest.csv');
    if (!target.startsWith(root + path.sep) || !fs.existsSync(target)) throw new NotFoundException();
    return res.sendFile(target);  //@safe
  }

  @Get(':meterId/chart')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async chart(@Param('meterId') meterId: string, @Query('title') title = 'Daily consumption') {
    const series = await this.readings.dailySeries(meterId);
    const items = series.map((p) => `<li>${p.day}: ${p.kwh.toFixed(2)} kWh</li>`).join('');
    return `<!doctype html><html><body><h2>${title}</h2><ul>${items}</ul></body></html>`;  //@vuln CWE-79
  }

  @Get('meters/:id/label')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async label(@Param('id', ParseIntPipe) id: number, @Query('site') site = '') {
    const meter = await this.meters.findById(id);
    if (!meter) throw new NotFoundException();
    return `<div class="meter-label"><b>${escapeHtml(meter.serial)}</b> ${escapeHtml(site)}</div>`;  //@safe
  }

  @Post('anomalies')
  @SetMetadata(FIELD_ACCESS, true)
  async anomalies(@Body() dto: AnomalyFilterDto) {
    const matcher = new RegExp(dto.pattern);  //@vuln CWE-1333
    const events = await this.readings.recentEvents(dto.meterIds);
    return events.filter((event) => matcher.test(event.eventCode));
  }

  @Get('events')
  async eventsByPrefix(@Query('meterId') meterId: string, @Query('prefix') prefix = '') {
    const matcher = new RegExp('^' + escapeRegExp(prefix), 'i');  //@safe
    const events = await this.readings.recentEvents([meterId]);
    return events.filter((event) => matcher.test(event.eventCode));
  }

  @Post('meters/bulk-status')
  @SetMetadata(FIELD_ACCESS, true)
  bulkStatus(@Body() { ids, status }: BulkStatusDto) {
    return this.meters.bulkUpdateStatus(ids, status);
  }

  @Get('meters/lookup')
  lookup(@Query('serialPrefix') serialPrefix: string) {
    return this.meters.findBySerialPrefix(serialPrefix);
  }
}
