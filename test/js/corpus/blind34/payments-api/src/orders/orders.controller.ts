import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Request, Response } from 'express';
import axios from 'axios';
import * as path from 'path';
import { config } from '@acme/shared/config';
import { escapeHtml } from '@acme/shared/objects';
import { JwtAuthGuard, ServiceTokenGuard, SessionClaims } from '../common/request-context';
import { OrdersService } from './orders.service';

export class ListOrdersQuery {
  @IsOptional() @IsString() status?: string;
  @IsOptional() @IsString() @MaxLength(80) search?: string;
  @IsOptional() @IsIn(['createdAt', 'amount', 'status', 'reference']) sort?: string;
  @IsOptional() @IsIn(['asc', 'desc']) dir?: 'asc' | 'desc';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit = 50;
}

export class RefundDto {
  @IsInt() @Min(1) amount!: number;
  @IsString() @MaxLength(500) reason!: string;
}

export class PreferencesDto {
  @IsObject() preferences!: Record<string, unknown>;
}

export class WebhookTestDto {
  @IsString() url!: string;
}

export class SettlementJobDto {
  @Type(() => Number) @IsInt() merchantId!: number;
  @IsString() fileName!: string;
  @IsString() acquirer!: string;
  @IsOptional() @IsString() options?: string;
}

type AuthedRequest = Request & { user: SessionClaims };

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @UseGuards(JwtAuthGuard)
  list(@Req() req: AuthedRequest, @Query() query: ListOrdersQuery) {
    return this.orders.list(req.user.mid, query);
  }

  @Get('export')
  @UseGuards(JwtAuthGuard)
  exportRange(@Req() req: AuthedRequest, @Query('from') from: string, @Query('to') to: string) {
    return this.orders.exportRange(req.user.mid, from, to);
  }

  @Get('stats')
  @UseGuards(JwtAuthGuard)
  stats(@Req() req: AuthedRequest, @Query('interval') interval = 'day') {
    return this.orders.volumeByInterval(req.user.mid, interval);
  }

  @Get('customer')
  @UseGuards(JwtAuthGuard)
  byCustomer(@Req() req: AuthedRequest, @Query('email') email: string) {
    return this.orders.findByCustomerEmail(req.user.mid, email);
  }

  @Get('reports/:name')
  @UseGuards(JwtAuthGuard)
  downloadReport(@Param('name') name: string, @Res() res: Response) {
    res.download(path.join(config.storage.reportDir, name)); //@vuln CWE-22
  }

  @Get('statements/:file')
  @UseGuards(JwtAuthGuard)
  statement(@Req() req: AuthedRequest, @Param('file') file: string, @Res() res: Response) {
    const dir = path.join(config.storage.statementDir, String(req.user.mid));
    res.sendFile(path.basename(file), { root: dir, dotfiles: 'deny' }); //@safe
  }

  @Get(':id')
  @UseGuards(JwtAuthGuard)
  findOne(@Req() req: AuthedRequest, @Param('id', ParseIntPipe) id: number) {
    return this.orders.findOne(req.user.mid, id);
  }

  /** Printable receipt; storefronts link here with an optional thank-you message. */
  @Get(':id/receipt')
  @UseGuards(JwtAuthGuard)
  async receipt(@Req() req: AuthedRequest, @Param('id', ParseIntPipe) id: number, @Query('message') message: string, @Res() res: Response) {
    const order = await this.orders.findOne(req.user.mid, id);
    const amount = (order.amount / 100).toFixed(2);
    res.type('html').send(`<!doctype html><html><body><h1>Receipt ${escapeHtml(order.reference)}</h1><p>${escapeHtml(order.customerName)} paid ${amount} ${order.currency}</p><p class="msg">${message ?? ''}</p></body></html>`); //@vuln CWE-79
  }

  @Post(':id/refunds')
  @UseGuards(JwtAuthGuard)
  refund(@Req() req: AuthedRequest, @Param('id', ParseIntPipe) id: number, @Body() dto: RefundDto) {
    return this.orders.refund(req.user.mid, id, dto, req.user.sub);
  }

  @Patch('preferences')
  @UseGuards(JwtAuthGuard)
  updatePreferences(@Req() req: AuthedRequest, @Body() dto: PreferencesDto) {
    return this.orders.updatePreferences(req.user.mid, dto.preferences);
  }

  @Post('webhooks/test')
  @HttpCode(200)
  @UseGuards(JwtAuthGuard)
  async testWebhook(@Req() req: AuthedRequest, @Body() dto: WebhookTestDto) {
    const ping = { type: 'ping', merchantId: req.user.mid, sentAt: new Date().toISOString() };
    try {
      const resp = await axios.post(dto.url, ping, { timeout: 4_000, validateStatus: () => true }); //@vuln CWE-918
      return { delivered: resp.status < 300, status: resp.status, body: String(resp.data).slice(0, 500) };
    } catch (err) {
      return { delivered: false, error: (err as Error).message };
    }
  }

  @Post('settlements')
  @UseGuards(ServiceTokenGuard)
  async enqueueSettlement(@Body() dto: SettlementJobDto) {
    const jobId = await this.orders.scheduleSettlement(dto);
    return { jobId };
  }
}
