import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import * as path from 'path';
import * as fs from 'fs/promises';
import { OrderListQuery, OrdersRepository } from './orders.repository';
import { dateRange, escapeHtml, formatCents } from '../common/query-helpers';
import { StaffGuard } from '../auth/auth.service';

const EXPORT_ROOT = path.resolve(process.env.EXPORT_ROOT ?? '/var/lib/forkful/exports');

@Controller('restaurants/:restaurantId/orders')
@UseGuards(StaffGuard)
export class OrdersController {
  constructor(private readonly orders: OrdersRepository) {}

  @Get()
  list(@Param('restaurantId') restaurantId: string, @Query() query: Omit<OrderListQuery, 'restaurantId'>) {
    return this.orders.listForRestaurant({ ...query, restaurantId });
  }

  @Get('search')
  search(@Param('restaurantId') restaurantId: string, @Query('q') q?: string, @Query('phone') phone?: string) {
    if (phone) return this.orders.searchByPhone(restaurantId, phone);
    return this.orders.searchByCustomer(restaurantId, q ?? '');
  }

  @Get('payouts')
  async payouts(
    @Param('restaurantId') restaurantId: string,
    @Query('ref') ref?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ) {
    if (ref) return this.orders.payoutByReference(restaurantId, ref);
    const range = dateRange(from, to);
    return this.orders.payoutsBetween(restaurantId, range.from, range.to);
  }

  @Get('exports/legacy')
  async legacyExport(@Query('file') file: string, @Res() res: Response) {
    const data = await fs.readFile(path.join(EXPORT_ROOT, 'legacy', file));  //@vuln CWE-22
    res.type('text/csv').attachment('orders.csv').send(data);
  }

  @Get('exports/:fileName')
  async download(@Param('restaurantId') restaurantId: string, @Param('fileName') fileName: string, @Res() res: Response) {
    const restaurantDir = path.resolve(EXPORT_ROOT, restaurantId);
    const fullPath = path.resolve(restaurantDir, fileName);
    if (!fullPath.startsWith(restaurantDir + path.sep)) {
      throw new BadRequestException('invalid export name');
    }
    res.download(fullPath);  //@safe
  }

  @Get(':orderId/receipt')
  async receipt(@Param('orderId') orderId: string, @Query('note') note: string | undefined, @Res() res: Response) {
    const order = await this.orders.findById(orderId);
    if (!order) throw new NotFoundException();
    const html = `<!doctype html><html><head><title>Receipt</title></head><body>
      <h1>Receipt #${escapeHtml(order.id.slice(0, 8))}</h1>
      <p>${escapeHtml(order.customer_name)}</p>
      <p>${escapeHtml(order.delivery_address)}</p>
      <p>Total: ${formatCents(order.total_cents)}</p>
      ${note ? `<aside class="note">${note}</aside>` : ''}
      </body></html>`;
    res.type('html').send(html);  //@vuln CWE-79
  }

  @Get(':orderId/packing-slip')
  async packingSlip(@Param('orderId') orderId: string, @Res() res: Response) {
    const order = await this.orders.findById(orderId);
    if (!order) throw new NotFoundException();
    const body = `<h2>${escapeHtml(order.customer_name)}</h2><pre>${escapeHtml(order.notes)}</pre>`;
    res.type('html').send(body);  //@safe
  }

  @Get(':orderId/accept')
  async acceptFromEmail(
    @Param('orderId') orderId: string,
    @Query('next') next: string | undefined,
    @Req() req: Request & { user?: { sub: string } },
    @Res() res: Response,
  ) {
    await this.orders.updateStatus(orderId, 'ACCEPTED', req.user?.sub ?? 'email-link');
    res.redirect(next || '/dashboard/orders');  //@vuln CWE-601
  }
}
