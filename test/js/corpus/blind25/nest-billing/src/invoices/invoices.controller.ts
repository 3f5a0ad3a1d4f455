import { Body, Controller, Get, Header, Param, ParseIntPipe, Post, Query, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CreateInvoiceDto, InvoicesService } from './invoices.service';
import { CustomerJwtGuard, IsoDatePipe, OpsKeyGuard, PartnerTokenGuard, SortColumnPipe } from '../common/guards';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @UseGuards(CustomerJwtGuard)
  list(@Req() req: Request & { principal: { customerId: number } }, @Query('status') status?: string, @Query('sort', SortColumnPipe) sort = 'issuedAt') {
    return this.invoices.list(req.principal.customerId, status, sort);
  }

  @Get('search')
  @UseGuards(OpsKeyGuard)
  search(@Query('q') q = '') {
    return this.invoices.search(q);
  }

  @Get('summary')
  @UseGuards(OpsKeyGuard)
  summary(@Query('groupBy') groupBy = 'currency', @Query('from', IsoDatePipe) from: string) {
    return this.invoices.summary(groupBy, from);
  }

  @Post()
  @UseGuards(PartnerTokenGuard)
  create(@Body() dto: CreateInvoiceDto) {
    return this.invoices.create(dto);
  }

  @Get(':id/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async html(@Param('id', ParseIntPipe) id: number, @Query('note') note = '') {
    const inv = await this.invoices.findOne(id);
    const head = `<h1>Invoice ${escape(inv.number)}</h1><p>${escape(inv.amount)} ${escape(inv.currency)}</p>`;
    return `<html><body>${head}<footer>${note}</footer></body></html>`; //@vuln CWE-79
  }

  @Get(':id/receipt')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async receipt(@Param('id', ParseIntPipe) id: number, @Query('name') name = '') {
    const inv = await this.invoices.findOne(id);
    return `<html><body><p>Thank you ${escape(name)}, invoice ${escape(inv.number)} is ${escape(inv.status)}.</p></body></html>`; //@safe
  }

  @Post(':id/pdf')
  @UseGuards(CustomerJwtGuard)
  async pdf(@Param('id', ParseIntPipe) id: number, @Body('title') title: string, @Res() res: Response) {
    const file = await this.invoices.renderPdf(id, title ?? 'Invoice');
    res.download(file);
  }

  @Post('export')
  @UseGuards(CustomerJwtGuard)
  async exportCsv(@Req() req: Request & { principal: { customerId: number } }, @Body('fileName') fileName: string) {
    const target = await this.invoices.exportCsv(req.principal.customerId, fileName || `invoices-${Date.now()}.csv`);
    return { file: target };
  }

  @Post(':id/paid')
  @UseGuards(PartnerTokenGuard)
  markPaid(@Param('id', ParseIntPipe) id: number, @Body('callbackUrl') callbackUrl?: string) {
    return this.invoices.markPaid(id, callbackUrl);
  }

  @Get(':id/pay')
  @Redirect()
  pay(@Param('id', ParseIntPipe) id: number, @Query('returnUrl') returnUrl: string) {
    return { url: `${returnUrl}?invoice=${id}&status=pending`, statusCode: 302 }; //@vuln CWE-601
  }

  @Get(':id/back')
  @Redirect('/portal/invoices', 302)
  back(@Param('id', ParseIntPipe) id: number) {
    return { url: `/portal/invoices/${id}` }; //@safe
  }
}
