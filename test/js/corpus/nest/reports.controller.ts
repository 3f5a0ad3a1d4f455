import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Knex } from 'knex';
import { exec, execFile } from 'child_process';
import type { Response } from 'express';

class ExportDto {
  format!: string;
  filename!: string;
}

@Controller('reports')
export class ReportsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly knex: Knex,
  ) {}

  @Get()
  async list(@Query('region') region: string, @Query('limit') limit: string) {
    return this.dataSource.query(`SELECT * FROM reports WHERE region = '${region}' LIMIT ${limit}`); //@vuln CWE-89
  }

  @Get('safe')
  async listSafe(@Query('region') region: string) {
    return this.dataSource.query('SELECT * FROM reports WHERE region = $1', [region]); //@safe
  }

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number) {
    return this.dataSource.query(`SELECT * FROM reports WHERE id = ${id}`); //@safe
  }

  @Get('by-owner/:owner')
  async byOwner(@Param('owner') owner: string) {
    return this.knex.raw(`select * from reports where owner = '${owner}'`); //@vuln CWE-89
  }

  @Get('by-owner-safe/:owner')
  async byOwnerSafe(@Param('owner') owner: string) {
    return this.knex.raw('select * from reports where owner = ?', [owner]); //@safe
  }

  @Get('titles')
  async titles(@Query('q') q: string) {
    return this.dataSource
      .createQueryBuilder()
      .select('r.title')
      .from('reports', 'r')
      .where(`r.title LIKE '%${q}%'`) //@vuln CWE-89
      .getRawMany();
  }

  @Get('titles-safe')
  async titlesSafe(@Query('q') q: string) {
    return this.dataSource
      .createQueryBuilder()
      .select('r.title')
      .from('reports', 'r')
      .where('r.title LIKE :q', { q: `%${q}%` }) //@safe
      .getRawMany();
  }

  @Post('export')
  async export(@Body() dto: ExportDto, @Res() res: Response) {
    exec(`report-tool --format ${dto.format} --out /tmp/${dto.filename}`, (err) => { //@vuln CWE-78
      if (err) return res.status(500).send('failed');
      res.download(`/tmp/${dto.filename}`); //@vuln CWE-22
    });
  }

  @Post('export-safe')
  async exportSafe(@Body() dto: ExportDto) {
    const format = ['pdf', 'csv'].includes(dto.format) ? dto.format : 'pdf';
    execFile('report-tool', ['--format', format, '--out', '/tmp/report.out'], () => undefined); //@safe
    return { queued: true };
  }
}
