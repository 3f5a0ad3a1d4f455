import { Body, Controller, Get, Post, Query, UseGuards } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { IntegrationsService } from './integrations.service';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';

class SyncIssuesDto {
  @IsString() baseUrl!: string;
  @IsOptional() @IsString() path?: string;
  @IsString() token!: string;
}

@Controller('integrations')
@UseGuards(JwtAuthGuard)
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Post('tracker/sync')
  sync(@Body() body: SyncIssuesDto) {
    return this.integrations.fetchIssues(body.baseUrl, body.path ?? 'rest/api/2/search', body.token);
  }

  @Get('unfurl')
  unfurl(@Query('url') url: string) {
    return this.integrations.unfurl(url);
  }
}
