import { injectable } from 'tsyringe';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import Handlebars from 'handlebars';
import { InvoiceRepository, InvoiceRow } from '../repositories/invoiceRepository';
import { config } from '../config';
import { logger } from '../clients';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const DEFAULT_TEMPLATE = fs.readFileSync(path.join(config.templateDir, 'invoice.hbs'), 'utf8');
const defaultRender = Handlebars.compile(DEFAULT_TEMPLATE); //@safe

@injectable()
export class ExportService {
  constructor(private readonly repo: InvoiceRepository) {}

  renderHtml(invoice: InvoiceRow, customTemplate?: string): string {
    if (!customTemplate) {
      return defaultRender({ invoice, generatedAt: new Date().toISOString() });
    }
    // Enterprise customers can upload their own invoice layout.
    const render = Handlebars.compile(customTemplate); //@vuln CWE-1336|CWE-94
    return render({ invoice, generatedAt: new Date().toISOString() });
  }

  async toPdf(invoice: InvoiceRow, outputName: string, customTemplate?: string): Promise<string> {
    const html = this.renderHtml(invoice, customTemplate);
    const htmlPath = path.join(os.tmpdir(), `invoice-${invoice.id}.html`);
    fs.writeFileSync(htmlPath, html); //@vuln CWE-377
    const outPath = path.join(config.exportDir, outputName);
    await execAsync(`${config.pdfRenderer} --quiet --page-size A4 ${htmlPath} ${outPath}`); //@vuln CWE-78
    fs.unlink(htmlPath, () => undefined);
    return outPath;
  }

  async toPdfBatch(invoices: InvoiceRow[]): Promise<string[]> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'billing-batch-')); //@safe
    const results: string[] = [];
    for (const inv of invoices) {
      const htmlPath = path.join(workDir, `${inv.id}.html`);
      fs.writeFileSync(htmlPath, this.renderHtml(inv));
      const outPath = path.join(config.exportDir, `${inv.id}.pdf`);
      await execFileAsync(config.pdfRenderer, ['--quiet', '--page-size', 'A4', htmlPath, outPath]); //@safe
      results.push(outPath);
    }
    fs.rmSync(workDir, { recursive: true, force: true });
    return results;
  }

  async archive(fileNames: string[], label: string): Promise<string> {
    const archivePath = path.join(config.archiveDir, `${Date.now()}-${label.replace(/[^\w-]/g, '_')}.tar.gz`);
    await execAsync(`tar -czf ${archivePath} -C ${config.exportDir} ${fileNames.join(' ')}`); //@vuln CWE-78
    logger.info({ archivePath, count: fileNames.length }, 'export archive created');
    return archivePath;
  }

  openExport(fileName: string): fs.ReadStream {
    const full = path.join(config.exportDir, fileName);
    return fs.createReadStream(full); //@vuln CWE-22
  }

  openArchive(fileName: string): fs.ReadStream {
    const base = path.resolve(config.archiveDir);
    const full = path.resolve(base, fileName);
    if (!full.startsWith(base + path.sep)) {
      throw new Error('invalid archive name');
    }
    return fs.createReadStream(full); //@safe
  }

  // v1 links are still sent by the nightly statement mailer.
  legacyDownloadToken(fileName: string, expires: number): string {
    return crypto.createHash('md5').update(`${fileName}:${expires}:${config.downloadLinkSecret}`).digest('hex'); //@vuln CWE-328|CWE-327
  }

  signDownload(fileName: string, expires: number): string {
    return crypto.createHmac('sha256', config.downloadLinkSecret).update(`${fileName}:${expires}`).digest('hex'); //@safe
  }

  verifyDownload(fileName: string, expires: number, token: string, version = 2): boolean {
    if (expires < Date.now() / 1000) return false;
    const expected = version === 1 ? this.legacyDownloadToken(fileName, expires) : this.signDownload(fileName, expires);
    const a = Buffer.from(token, 'hex');
    const b = Buffer.from(expected, 'hex');
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }

  async csv(columns: string, since: string): Promise<string> {
    const rows = await this.repo.listForExport(columns, since);
    if (rows.length === 0) return '';
    const header = Object.keys(rows[0]);
    const lines = rows.map((r) => header.map((h) => JSON.stringify(r[h] ?? '')).join(','));
    return [header.join(','), ...lines].join('\n');
  }
}
