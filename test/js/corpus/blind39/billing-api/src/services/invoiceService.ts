import { injectable } from 'tsyringe';
import serialize from 'node-serialize';
import { InvoiceRepository, InvoiceRow, SearchOptions } from '../repositories/invoiceRepository';
import { ExportService } from './exportService';
import { ledgerClient, notifyClient, outboundClient, redis, logger } from '../clients';
import { withTransaction } from '../db';
import { config } from '../config';

export interface DraftState {
  invoiceId?: string;
  lines: { sku: string; qty: number; unitCents: number }[];
  memo?: string;
}

@injectable()
export class InvoiceService {
  constructor(
    private readonly repo: InvoiceRepository,
    private readonly exporter: ExportService,
  ) {}

  async get(id: string): Promise<InvoiceRow | null> {
    const cached = await redis.get(`inv:${id}`);
    if (cached) return JSON.parse(cached) as InvoiceRow;
    const row = await this.repo.findById(id);
    if (row) await redis.set(`inv:${id}`, JSON.stringify(row), 'EX', 60);
    return row;
  }

  forCustomer(customerRef: string, status?: string): Promise<InvoiceRow[]> {
    return this.repo.findByCustomerRef(customerRef, status);
  }

  search(opts: SearchOptions): Promise<InvoiceRow[]> {
    return this.repo.search(opts);
  }

  monthlyTotals(tz: string, currency: string) {
    return this.repo.totalsByMonth(tz, currency);
  }

  async settle(ids: string[], actor: string): Promise<number> {
    const updated = await withTransaction(async (client) => {
      const n = await this.repo.markPaid(ids, client);
      await client.query('INSERT INTO audit_log (actor, action, detail) VALUES ($1, $2, $3)', [actor, 'settle', JSON.stringify(ids)]);
      return n;
    });
    await Promise.all(ids.map((id) => redis.del(`inv:${id}`)));
    await ledgerClient.post('/settlements', { invoiceIds: ids, actor });
    return updated;
  }

  addNote(invoiceId: string, author: string, body: string): Promise<void> {
    return this.repo.addNote(invoiceId, author, body);
  }

  async sendStatement(customerRef: string, email: string): Promise<void> {
    const invoices = await this.repo.findByCustomerRef(customerRef, 'open');
    const files = await this.exporter.toPdfBatch(invoices);
    await notifyClient.post('/email', { to: email, template: 'statement', attachments: files });
  }

  async deliverWebhook(invoiceId: string, targetUrl: string): Promise<number> {
    const invoice = await this.get(invoiceId);
    if (!invoice) throw new Error('invoice not found');
    const res = await outboundClient.post(targetUrl, { event: 'invoice.updated', invoice }); //@vuln CWE-918
    logger.info({ invoiceId, status: res.status }, 'webhook delivered');
    return res.status;
  }

  async fetchBrandingLogo(logoUrl: string): Promise<Buffer> {
    const u = new URL(logoUrl);
    if (u.protocol !== 'https:' || !config.allowedLogoHosts.includes(u.hostname)) {
      throw new Error('logo host not allowed');
    }
    const res = await outboundClient.get(u.toString(), { responseType: 'arraybuffer' }); //@safe
    return Buffer.from(res.data);
  }

  async loadRemoteTemplate(templateUrl: string): Promise<string> {
    const { data } = await outboundClient.get<string>(templateUrl, { responseType: 'text' }); //@vuln CWE-918
    return data;
  }

  async renderWithTemplate(invoiceId: string, templateUrl: string, outputName: string): Promise<string> {
    const invoice = await this.get(invoiceId);
    if (!invoice) throw new Error('invoice not found');
    const template = await this.loadRemoteTemplate(templateUrl);
    return this.exporter.toPdf(invoice, outputName, template);
  }

  async createPaymentLink(invoiceId: string): Promise<string> {
    const token = Math.random().toString(36).substring(2) + Math.random().toString(36).substring(2); //@vuln CWE-338|CWE-330
    await redis.set(`paylink:${token}`, invoiceId, 'EX', 7 * 86400);
    return token;
  }

  restoreDraft(cookieValue: string): DraftState {
    const raw = Buffer.from(cookieValue, 'base64').toString('utf8');
    return serialize.unserialize(raw); //@vuln CWE-502
  }

  applyCustomFilter(rows: InvoiceRow[], expr: string): InvoiceRow[] {
    // "power user" filters, e.g. inv.amount_cents > 10000 && inv.currency === 'EUR'
    const predicate = new Function('inv', `return (${expr});`); //@vuln CWE-95|CWE-94
    return rows.filter((r) => Boolean(predicate(r)));
  }
}
