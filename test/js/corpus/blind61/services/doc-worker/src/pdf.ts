import fs from 'node:fs';
import path from 'node:path';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import axios from 'axios';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export const OUTPUT_ROOT = path.resolve(process.env.PDF_OUTPUT_DIR ?? '/var/lib/ledgerly/pdf');
const ASSET_ROOT = path.resolve(process.env.PDF_ASSET_DIR ?? '/var/lib/ledgerly/assets');

export interface InvoiceLineDoc {
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface InvoiceDoc {
  tenantId: string;
  number: string;
  publicId: string;
  issuedAt: string;
  dueDate: string;
  currency: string;
  total: number;
  notes?: string;
  customer: { name: string; email?: string; address?: string };
  lines: InvoiceLineDoc[];
  logoUrl?: string;
  logoFile?: string;
  fileName?: string;
}

async function loadLogo(inv: InvoiceDoc): Promise<Buffer | undefined> {
  if (inv.logoUrl) {
    const { data } = await axios.get<ArrayBuffer>(inv.logoUrl, { responseType: 'arraybuffer', timeout: 5000 });  //@vuln CWE-918
    return Buffer.from(data);
  }
  if (inv.logoFile) {
    const tenantAssets = path.resolve(ASSET_ROOT, inv.tenantId);
    const logoPath = path.resolve(tenantAssets, inv.logoFile);
    if (logoPath.startsWith(tenantAssets + path.sep)) {
      return fs.promises.readFile(logoPath);  //@safe
    }
  }
  return undefined;
}

const money = (value: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value);

export async function renderInvoicePdf(inv: InvoiceDoc): Promise<string> {
  const dir = path.join(OUTPUT_ROOT, inv.tenantId);
  await fs.promises.mkdir(dir, { recursive: true });
  const target = path.join(dir, inv.fileName ?? `${inv.number}.pdf`);

  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${inv.number}` } });
  const out = fs.createWriteStream(target);  //@vuln CWE-22
  doc.pipe(out);

  const logo = await loadLogo(inv);
  if (logo) {
    doc.image(logo, 50, 45, { fit: [120, 60] });
  }
  doc.fontSize(20).text(`Invoice ${inv.number}`, 300, 50, { align: 'right' });
  doc.fontSize(9).text(`Ref ${inv.publicId}`, { align: 'right' });
  doc.moveDown(2).fontSize(11).text(inv.customer.name, 50);
  if (inv.customer.address) {
    doc.text(inv.customer.address);
  }
  doc.moveDown().text(`Issued ${inv.issuedAt}    Due ${inv.dueDate}`);

  doc.moveDown();
  for (const line of inv.lines) {
    doc.text(`${line.description}`, 50, doc.y, { width: 280, continued: false });
    doc.text(`${line.quantity} x ${money(line.unitPrice, inv.currency)} = ${money(line.amount, inv.currency)}`, { align: 'right' });
  }
  doc.moveDown().fontSize(13).text(`Total ${money(inv.total, inv.currency)}`, { align: 'right' });
  if (inv.notes) {
    doc.moveDown().fontSize(9).fillColor('#555').text(inv.notes);
  }
  doc.end();

  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  return target;
}

export async function archiveAsPdfA(inputPath: string, archiveName: string): Promise<string> {
  const output = path.join(path.dirname(inputPath), `${archiveName}.pdfa.pdf`);
  await execAsync(`gs -dPDFA=2 -dBATCH -dNOPAUSE -sColorConversionStrategy=RGB -sDEVICE=pdfwrite -sOutputFile="${output}" "${inputPath}"`);  //@vuln CWE-78
  return output;
}

export async function linearize(inputPath: string): Promise<void> {
  const tmp = `${inputPath}.lin`;
  await execFileAsync('qpdf', ['--linearize', inputPath, tmp]);  //@safe
  await fs.promises.rename(tmp, inputPath);
}
