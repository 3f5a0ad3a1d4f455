import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Response } from 'express';
import * as crypto from 'crypto';
import * as jwt from 'jsonwebtoken';
import { nanoid } from 'nanoid';

const STRIPE_KEY = 'sk_live_51HxYzABCdefGHIjklMNOpqrSTUvwx'; //@vuln CWE-798
const WEBHOOK_SECRET = process.env.BILLING_WEBHOOK_SECRET ?? ''; //@safe

class CreateInvoiceDto {
  customerId!: string;
  amountCents!: number;
  memo?: string;
}

@Controller('billing')
export class BillingController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get('invoices')
  async list(@Query('customer') customer: string, @Query('sort') sort = 'created_at') {
    return this.ds.query(`SELECT * FROM invoices WHERE customer_id = '${customer}' ORDER BY ${sort}`); //@vuln CWE-89
  }

  @Get('invoices/:id')
  async one(@Param('id', ParseIntPipe) id: number) {
    return this.ds.query('SELECT * FROM invoices WHERE id = $1', [id]); //@safe
  }

  @Get('customers')
  async customers(@Query('name') name: string) {
    const qb = this.ds.createQueryBuilder().select('c').from('customers', 'c');
    return qb.where('c.name ILIKE :name', { name: `%${name}%` }).getMany(); //@safe
  }

  @Get('customers/legacy')
  async customersLegacy(@Query('name') name: string) {
    const qb = this.ds.createQueryBuilder().select('c').from('customers', 'c');
    return qb.where(`c.name = '${name}'`).getMany(); //@vuln CWE-89
  }

  @Post('invoices')
  async create(@Body() dto: CreateInvoiceDto) {
    const invoiceNo = 'INV-' + Math.random().toString(36).substring(2, 10).toUpperCase(); //@vuln CWE-338|CWE-330
    const publicId = nanoid(21);
    await this.ds.query( //@safe
      'INSERT INTO invoices (no, public_id, customer_id, amount_cents, memo) VALUES ($1, $2, $3, $4, $5)',
      [invoiceNo, publicId, dto.customerId, dto.amountCents, dto.memo ?? null],
    );
    return { invoiceNo, publicId };
  }

  @Post('webhook')
  async webhook(@Headers('x-signature') signature: string, @Body() body: Record<string, unknown>) {
    const expected = crypto.createHmac('sha256', WEBHOOK_SECRET).update(JSON.stringify(body)).digest('hex');
    const ok = crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature || '')); //@safe
    if (!ok) throw new UnauthorizedException();
    return { received: true };
  }

  @Post('webhook/legacy')
  async webhookLegacy(@Headers('x-signature') signature: string, @Body() body: Record<string, unknown>) {
    const expected = crypto.createHash('sha1').update(STRIPE_KEY + JSON.stringify(body)).digest('hex'); //@vuln CWE-327|CWE-328
    if (expected !== signature) throw new UnauthorizedException();
    return { received: true };
  }

  @Get('portal')
  portal(@Headers('authorization') auth: string, @Res() res: Response) {
    const token = (auth || '').replace('Bearer ', '');
    const claims = jwt.verify(token, WEBHOOK_SECRET, { algorithms: ['none', 'HS256'] }); //@vuln CWE-347
    res.json({ claims });
  }

  @Get('portal/v2')
  portalV2(@Headers('authorization') auth: string, @Res() res: Response) {
    const token = (auth || '').replace('Bearer ', '');
    const claims = jwt.verify(token, process.env.PORTAL_PUBLIC_KEY as string, { algorithms: ['RS256'] }); //@safe
    res.json({ claims });
  }

  @Get('portal/preview')
  preview(@Query('token') token: string, @Res() res: Response) {
    const { payload } = jwt.decode(token, { complete: true }) as jwt.Jwt; //@vuln CWE-347
    res.json({ customer: (payload as jwt.JwtPayload).sub });
  }

  @Get('statement')
  statement(@Query('customer') customer: string, @Res() res: Response) {
    res.type('html').send('<h1>Statement for ' + customer + '</h1>'); //@vuln CWE-79
  }

  @Post('card-token')
  tokenizeCard(@Body('pan') pan: string) {
    const cipher = crypto.createCipher('aes-256-cbc', STRIPE_KEY); //@vuln CWE-327
    return { token: cipher.update(pan, 'utf8', 'hex') + cipher.final('hex') };
  }

  @Post('card-token/v2')
  tokenizeCardV2(@Body('pan') pan: string) {
    const key = crypto.scryptSync(WEBHOOK_SECRET, 'billing-salt', 32);
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('aes-256-cbc', key, iv); //@safe
    return { token: iv.toString('hex') + cipher.update(pan, 'utf8', 'hex') + cipher.final('hex') };
  }

  @Post('customer-password')
  setCustomerPassword(@Body('password') password: string) {
    const digest = crypto.createHash('sha1').update(password).digest('base64'); //@vuln CWE-327|CWE-328|CWE-916
    return { stored: digest.length > 0 };
  }
}
