import escapeHtml from 'escape-html';
import { inject, injectable } from 'tsyringe';
import { config } from '../config';
import type { ListInvoicesQuery } from '../dto/invoice.dto';
import { CustomerRepository } from '../repositories/customer.repository';
import { InvoiceRepository, InvoiceRow } from '../repositories/invoice.repository';

export class HttpError extends Error {
  constructor(public readonly status: number, message: string) {
    super(message);
  }
}

@injectable()
export class InvoiceService {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(CustomerRepository) private readonly customers: CustomerRepository,
  ) {}

  list = (query: ListInvoicesQuery) => this.invoices.list(query);

  async get(id: string): Promise<InvoiceRow> {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw new HttpError(404, 'invoice_not_found');
    return invoice;
  }

  lookupByReference = (ref: string) => this.invoices.findByReference(ref.trim());

  searchCustomers = (term: string, region?: string) =>
    term.includes('@') ? this.customers.searchByEmail(term) : this.customers.search(term, region);

  adjustCustomerBalance = (customerId: string, delta: string, note: string) => this.customers.adjustBalance(customerId, delta, note);

  async attachLogo(invoiceId: string, logoUrl: string): Promise<void> {
    await this.get(invoiceId);
    const response = await fetch(logoUrl); //@vuln CWE-918
    if (!response.ok) throw new HttpError(422, 'logo_unreachable');
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > config.logoMaxBytes) throw new HttpError(413, 'logo_too_large');
    await this.invoices.saveLogo(invoiceId, bytes, response.headers.get('content-type') ?? 'image/png');
  }

  renderHtml(invoice: InvoiceRow, banner: string): string {
    const total = `${(invoice.total_cents / 100).toFixed(2)} ${invoice.currency}`;
    const memo = invoice.memo ? escapeHtml(invoice.memo) : '';
    return `<!doctype html><html><body><div class="banner">${banner}</div><h1>Invoice ${invoice.id}</h1><p>${memo}</p><strong>${total}</strong></body></html>`;
  }
}
