import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Response } from 'express';
import { ProjectsService } from './projects.service';
import { ReportsService } from '../reports/reports.service';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';

@Controller('projects')
@UseGuards(JwtAuthGuard)
export class ProjectsController {
  constructor(private readonly projects: ProjectsService, private readonly reports: ReportsService) {}

  @Get()
  list(@Req() req, @Query('tag') tag?: string, @Query('orderBy') orderBy?: string) {
    return this.projects.list(req.user.workspaceId, tag, orderBy);
  }

  @Get('reports/summary')
  summary(@Req() req, @Query('metric') metric = 'tasks', @Query('groupBy') groupBy = 'status') {
    return this.reports.summary(req.user.workspaceId, metric, groupBy);
  }

  @Get('reports/audit')
  audit(@Req() req, @Query('actor') actor?: string) {
    return this.reports.auditTrail(req.user.workspaceId, actor);
  }

  @Get('search')
  search(@Req() req, @Query('q') q = '') {
    return this.projects.search(req.user.workspaceId, q);
  }

  @Post(':id/archive')
  archive(@Req() req, @Param('id') id: string, @Body('reason') reason = '') {
    return this.projects.archive(req.user.workspaceId, id, reason);
  }

  @Get(':id/badge.svg')
  badge(@Param('id') id: string, @Query('label') label = 'status', @Res() res: Response) {
    res.type('image/svg+xml');
    res.send(`<svg xmlns="http://www.w3.org/2000/svg" width="140" height="20"><text x="6" y="14">${label}: ${id}</text></svg>`); //@vuln CWE-79
  }
}
