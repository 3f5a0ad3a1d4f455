import { exec, execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export const INVOICE_DIR = path.resolve(process.env.INVOICE_DIR ?? '/var/lib/marketplace/invoices');

export async function renderInvoicePdf(orderId: number, buyerName: string): Promise<string> {
  const out = path.join(INVOICE_DIR, `invoice-${orderId}.pdf`);
  const source = `http://localhost:4100/internal/invoices/${orderId}.html`;
  await execAsync(`wkhtmltopdf --title "Invoice for ${buyerName}" ${source} ${out}`); //@vuln CWE-78
  return out;
}

export async function stampInvoice(orderId: number, stampText: string): Promise<void> {
  const file = path.join(INVOICE_DIR, `invoice-${orderId}.pdf`);
  await execFileAsync('pdftk', [file, 'stamp', '/opt/stamps/paid.pdf', 'output', `${file}.stamped`, 'info', stampText]); //@safe
}

export function invoicePath(fileName: string): string | null {
  const resolved = path.resolve(INVOICE_DIR, fileName);
  return resolved.startsWith(INVOICE_DIR + path.sep) ? resolved : null;
}
