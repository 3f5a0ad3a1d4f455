import { Body, Controller, Get, Headers, Post, Query, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ConnectorsService } from './connectors.service';
import { PartnerPullDto, TestConnectionDto } from './dto/connector.dto';

@Controller('connectors')
@UseGuards(AuthGuard('jwt'))
export class ConnectorsController {
  constructor(private readonly connectors: ConnectorsService) {}

  @Post('test')
  test(@Body() dto: TestConnectionDto) {
    return this.connectors.testConnection(dto);
  }

  @Get('preview')
  preview(@Query('url') url: string) {
    return this.connectors.previewFeed(url);
  }

  @Post('partner-pull')
  pull(@Body() dto: PartnerPullDto, @Headers('x-partner-token') token: string) {
    return this.connectors.pullFromPartner(dto, token);
  }
}
