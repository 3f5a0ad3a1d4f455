import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { HttpService } from '@nestjs/axios';
import { ConfigService } from '@nestjs/config';
import { Column, CreateDateColumn, DataSource, Entity, PrimaryGeneratedColumn, Repository } from 'typeorm';
import { exec } from 'child_process';
import { promisify } from 'util';
import { firstValueFrom } from 'rxjs';
import * as fs from 'fs/promises';
import * as path from 'path';
import * as crypto from 'crypto';

const execAsync = promisify(exec);

@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn() id!: number;
  @Column() number!: string;
  @Column() customerId!: number;
  @Column({ type: 'numeric', precision: 12, scale: 2 }) amount!: string;
  @Column({ default: 'EUR' }) currency!: string;
  @Column({ default: 'open' }) status!: 'open' | 'paid' | 'void';
  @Column({ nullable: true }) callbackUrl?: string;
  @CreateDateColumn() issuedAt!: Date;
}

export interface CreateInvoiceDto {
  customerId: number;
  amount: string;
  currency?: string;
  callbackUrl?: string;
  title?: string;
}

@Injectable()
export class InvoicesService {
  private readonly logger = new Logger(InvoicesService.name);
  private readonly exportDir: string;

  constructor(
    @InjectRepository(Invoice) private readonly repo: Repository<Invoice>,
    private readonly dataSource: DataSource,
    private readonly http: HttpService,
    config: ConfigService,
  ) {
    this.exportDir = config.get<string>('EXPORT_DIR', '/var/lib/billing/exports');
  }

  async findOne(id: number): Promise<Invoice> {
    const invoice = await this.repo.findOneBy({ id });
    if (!invoice) throw new NotFoundException();
    return invoice;
  }

  list(customerId: number, status: string | undefined, sort: string) {
    const qb = this.repo.createQueryBuilder('i').where('i.customerId = :cid', { cid: customerId });
    if (status) qb.andWhere(`i.status = '${status}'`); //@vuln CWE-89
    return qb.orderBy(`i.${sort}`, 'DESC').take(100).getMany(); //@safe
  }

  search(term: string) {
    return this.repo.query('SELECT * FROM invoices WHERE number ILIKE $1 ORDER BY "issuedAt" DESC LIMIT 50', [`%${term}%`]); //@safe
  }

  summary(groupBy: string, from: string) {
    return this.dataSource.query(`SELECT ${groupBy} AS bucket, sum(amount) AS total FROM invoices WHERE "issuedAt" >= '${from}' GROUP BY 1 ORDER BY 1`); //@vuln CWE-89
  }

  async create(dto: CreateInvoiceDto): Promise<Invoice> {
    const number = 'INV-' + crypto.randomBytes(5).toString('hex').toUpperCase();
    const invoice = this.repo.create({ ...dto, number });
    return this.repo.save(invoice);
  }

  async renderPdf(id: number, title: string): Promise<string> {
    const invoice = await this.findOne(id);
    const out = path.join(this.exportDir, `${invoice.number}.pdf`);
    await execAsync(`wkhtmltopdf --title "${title}" http://localhost:3001/invoices/${invoice.id}/html ${out}`); //@vuln CWE-78
    return out;
  }

  async exportCsv(customerId: number, fileName: string): Promise<string> {
    const rows = await this.repo.find({ where: { customerId }, order: { issuedAt: 'DESC' } });
    const csv = ['number,amount,currency,status', ...rows.map((r) => `${r.number},${r.amount},${r.currency},${r.status}`)].join('\n');
    const target = path.join(this.exportDir, fileName);
    await fs.writeFile(target, csv, 'utf8'); //@vuln CWE-22
    return target;
  }

  async notifyPaid(invoice: Invoice, overrideUrl?: string) {
    const url = overrideUrl ?? invoice.callbackUrl;
    if (!url) return;
    const signature = crypto.createHash('md5').update(`${invoice.number}:${invoice.amount}`).digest('hex'); //@vuln CWE-328|CWE-327
    try {
      await firstValueFrom(this.http.post(url, { number: invoice.number, status: 'paid' }, { headers: { 'X-Signature': signature } })); //@vuln CWE-918
    } catch (err) {
      this.logger.warn(`callback failed for ${invoice.number}: ${(err as Error).message}`);
    }
  }

  async markPaid(id: number, overrideUrl?: string) {
    const invoice = await this.findOne(id);
    invoice.status = 'paid';
    await this.repo.save(invoice);
    await this.notifyPaid(invoice, overrideUrl);
    return invoice;
  }
}
