import { Body, Controller, Get, Param, Patch, Query, Req, UseGuards } from '@nestjs/common';
import { IsObject, IsOptional, IsString } from 'class-validator';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { WorkspacesService } from './workspaces.service';

class UpdateSettingsDto {
  @IsObject() changes: Record<string, unknown>;
  @IsOptional() @IsString() reason?: string;
}

@Controller('workspaces')
@UseGuards(JwtAuthGuard)
export class WorkspacesController {
  constructor(private readonly service: WorkspacesService) {}

  @Get()
  list(@Req() req, @Query() query: Record<string, unknown>) {
    return this.service.list(req.user.tenantId, query);
  }

  @Get('search')
  search(@Req() req, @Query('q') q = '') {
    return this.service.searchByName(req.user.tenantId, q);
  }

  @Get('owned-by/:owner')
  ownedBy(@Req() req, @Param('owner') owner: string) {
    return this.service.ownedBy(req.user.tenantId, owner);
  }

  @Get(':slug')
  bySlug(@Req() req, @Param('slug') slug: string) {
    return this.service.findBySlug(req.user.tenantId, slug);
  }

  @Patch(':id/settings')
  updateSettings(@Req() req, @Param('id') id: string, @Body() dto: UpdateSettingsDto) {
    return this.service.updateSettings(req.user.tenantId, id, dto.changes);
  }

  @Patch(':id/branding')
  updateBranding(@Req() req, @Param('id') id: string, @Body() dto: UpdateSettingsDto) {
    return this.service.updateBranding(req.user.tenantId, id, dto.changes);
  }
}
