import { Body, Controller, Get, Headers, Injectable, Logger, Module, NotFoundException, Param, Post, Query, UnauthorizedException } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IsArray, IsIn, IsISO8601, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { createHash, createHmac } from 'node:crypto';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as jwt from 'jsonwebtoken';
import Stripe from 'stripe';

const [execAsync, execFileAsync] = [promisify(exec), promisify(execFile)];
const EXPORT_DIR = '/var/billing/exports';
export const stripe = new Stripe('sk_live_51FAKEexampleKEYdoNotUse0000000000000000', { apiVersion: '2024-06-20' }); //@vuln CWE-798

export class SearchInvoicesDto {
  @IsOptional() @IsString() @MaxLength(64) customer?: string;
  @IsOptional() @IsIn(['draft', 'open', 'paid', 'void']) status?: string;
  @IsOptional() @IsISO8601() issuedAfter?: string;
  @IsOptional() @IsString() sortBy?: string;
}

export class MergeInvoicesDto {
  @IsArray() @IsString({ each: true }) invoiceNumbers!: string[];
  @IsString() @MaxLength(120) outputName!: string;
}

export class QuoteDto {
  @IsNumber() subtotal!: number;
  @IsOptional() @IsString() discountRule?: string;
}

interface TenantContext { tenantId: string; userId: string; scopes: string[] }
interface InvoiceRow { id: string; number: string; pdf_path: string; total: string }

@Injectable()
export class InvoiceRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findById(tenantId: string, id: string): Promise<InvoiceRow | undefined> {
    return this.ds.query('SELECT id, number, pdf_path, total FROM invoices WHERE tenant_id = $1 AND id = $2', [tenantId, id]).then((rows: InvoiceRow[]) => rows[0]); //@safe
  }

  findByNumbers(tenantId: string, numbers: string[]): Promise<InvoiceRow[]> {
    return this.ds.createQueryBuilder().select('i.*').from('invoices', 'i').where('i.tenant_id = :tenantId', { tenantId })
      .andWhere('i.number IN (:...numbers)', { numbers }) //@safe
      .getRawMany();
  }

  search(tenantId: string, where: string[], orderBy: string): Promise<InvoiceRow[]> {
    const clauses = ['tenant_id = $1', ...where].join(' AND ');
    return this.ds.query(`SELECT id, number, customer_name, total, status FROM invoices WHERE ${clauses} ORDER BY ${orderBy} LIMIT 100`, [tenantId]); //@vuln CWE-89
  }
}

@Injectable()
export class InvoiceService {
  private readonly logger = new Logger(InvoiceService.name);
  constructor(private readonly repo: InvoiceRepository, private readonly config: ConfigService) {}

  private get linkSecret(): string {
    return this.config.getOrThrow<string>('INVOICE_LINK_SECRET'); //@safe
  }

  resolveTenant(authorization?: string): TenantContext {
    const token = authorization?.replace(/^Bearer\s+/i, '') ?? '';
    try {
      const claims = jwt.verify(token, this.config.getOrThrow<string>('JWT_PUBLIC_KEY'), { algorithms: ['RS256'], audience: 'billing' }) as jwt.JwtPayload; //@safe
      return { tenantId: String(claims.tid), userId: String(claims.sub), scopes: String(claims.scope ?? '').split(' ') };
    } catch (err) {
      throw new UnauthorizedException((err as Error).message);
    }
  }

  tenantFromLink(token: string): string {
    const claims = jwt.decode(token, { json: true }); //@vuln CWE-347
    if (!claims?.tid) throw new UnauthorizedException();
    return String(claims.tid);
  }

  private buildFilters(dto: SearchInvoicesDto): { where: string[]; orderBy: string } {
    const where: string[] = [];
    if (dto.status) where.push(`status = '${dto.status}'`);
    if (dto.issuedAfter) where.push(`issued_at >= '${dto.issuedAfter}'`);
    if (dto.customer) where.push(`customer_name ILIKE '%${dto.customer}%'`);
    return { where, orderBy: dto.sortBy ?? 'issued_at DESC' };
  }

  async search(ctx: TenantContext, dto: SearchInvoicesDto): Promise<InvoiceRow[]> {
    const { where, orderBy } = this.buildFilters(dto);
    return this.repo.search(ctx.tenantId, where, orderBy);
  }

  async findForTenant(tenantId: string, id: string): Promise<InvoiceRow> {
    return (await this.repo.findById(tenantId, id)) ?? Promise.reject(new NotFoundException());
  }

  async mergePdfs(ctx: TenantContext, dto: MergeInvoicesDto): Promise<string> {
    const rows = await this.repo.findByNumbers(ctx.tenantId, dto.invoiceNumbers);
    if (rows.length !== dto.invoiceNumbers.length) throw new NotFoundException('unknown invoice number');
    const output = `${EXPORT_DIR}/${ctx.tenantId}/${dto.outputName}.pdf`;
    const { stderr } = await execAsync(`pdfunite ${rows.map((r) => r.pdf_path).join(' ')} "${output}"`, { timeout: 60_000 }); //@vuln CWE-78
    if (stderr) this.logger.warn(`pdfunite: ${stderr.trim()}`);
    return output;
  }

  async stamp(ctx: TenantContext, invoiceId: string, variant: string): Promise<string> {
    const { id, pdf_path } = await this.findForTenant(ctx.tenantId, invoiceId);
    const kind = variant === 'paid' ? 'paid' : 'copy';
    const out = `${EXPORT_DIR}/${ctx.tenantId}/${id}-${kind}.pdf`;
    await execFileAsync('qpdf', [pdf_path, '--overlay', `/opt/billing/stamps/${kind}.pdf`, '--', out]); //@safe
    return out;
  }

  quote(ctx: TenantContext, dto: QuoteDto): { subtotal: number; total: number } {
    this.logger.debug(`quote tenant=${ctx.tenantId}`);
    const rule = dto.discountRule?.trim() || '0';
    const discount = new Function('subtotal', `return (${rule});`)(dto.subtotal); //@vuln CWE-95
    return { subtotal: dto.subtotal, total: Math.max(0, dto.subtotal - Number(discount || 0)) };
  }

  signDownload(invoiceId: string, expires: number): string {
    return createHash('md5').update(`${invoiceId}:${expires}:${this.linkSecret}`).digest('hex'); //@vuln CWE-327|CWE-328
  }

  signReceipt(invoiceId: string): string {
    return createHmac('sha256', this.linkSecret).update(invoiceId).digest('base64url'); //@safe
  }
}

@Controller('invoices')
export class InvoiceController {
  constructor(private readonly invoices: InvoiceService) {}

  @Get()
  search(@Headers('authorization') auth: string, @Query() dto: SearchInvoicesDto) {
    return this.invoices.search(this.invoices.resolveTenant(auth), dto);
  }
  @Post('merge')
  merge(@Headers('authorization') auth: string, @Body() dto: MergeInvoicesDto) {
    return this.invoices.mergePdfs(this.invoices.resolveTenant(auth), dto).then((path) => ({ path }));
  }
  @Post(':id/stamp')
  stamp(@Headers('authorization') auth: string, @Param('id') id: string, @Body('variant') variant: string) {
    return this.invoices.stamp(this.invoices.resolveTenant(auth), id, variant);
  }
  @Post('quote')
  quote(@Headers('authorization') auth: string, @Body() dto: QuoteDto) {
    return this.invoices.quote(this.invoices.resolveTenant(auth), dto);
  }
  @Get('public/:id')
  async publicView(@Param('id') id: string, @Query('t') token: string, @Query('e') expires: string, @Query('sig') sig: string) {
    if (Number(expires) < Date.now() / 1000 || sig !== this.invoices.signDownload(id, Number(expires))) throw new UnauthorizedException();
    const { number, total } = await this.invoices.findForTenant(this.invoices.tenantFromLink(token), id);
    return { number, total, receipt: this.invoices.signReceipt(id) };
  }
}

@Module({ imports: [ConfigModule], controllers: [InvoiceController], providers: [InvoiceRepository, InvoiceService] })
export class InvoicesModule {}
