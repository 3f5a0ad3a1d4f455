import { injectable, inject } from 'inversify';
import type { Got } from 'got';
import type { Logger } from 'winston';
import AdmZip from 'adm-zip';
import libxmljs from 'libxmljs2';
import yaml from 'js-yaml';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import fs from 'fs';
import path from 'path';
import { TYPES, config } from '../infra';
import { ProductService, Product } from './productService';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const GEOMETRY = /^\d{2,4}x\d{2,4}$/;

@injectable()
export class MediaService {
  constructor(
    @inject(TYPES.Http) private readonly http: Got,
    @inject(TYPES.SupplierHttp) private readonly supplierHttp: Got,
    @inject(TYPES.ProductService) private readonly products: ProductService,
    @inject(TYPES.Logger) private readonly log: Logger,
  ) {}

  private skuDir(sku: string): string {
    return path.join(config.mediaRoot, sku.replace(/[^A-Za-z0-9_-]/g, ''));
  }

  private parseProducts(doc: libxmljs.Document): Partial<Product>[] {
    return doc.find('//product').map((node: any) => ({
      sku: node.get('sku')?.text(),
      title: node.get('title')?.text(),
      vendor: node.get('vendor')?.text(),
      priceCents: Math.round(Number(node.get('price')?.text() ?? 0) * 100),
    }));
  }

  async importFeed(feedUrl: string): Promise<number> {
    const xml = await this.http.get(feedUrl).text(); //@vuln CWE-918
    const doc = libxmljs.parseXml(xml, { noent: true, nonet: false }); //@vuln CWE-611
    return this.products.upsertFromFeed(this.parseProducts(doc));
  }

  async importSupplierFeed(supplierId: string): Promise<number> {
    const xml = await this.supplierHttp.get(`feeds/${encodeURIComponent(supplierId)}.xml`).text();
    const doc = libxmljs.parseXml(xml); //@safe
    const defaults = this.readSupplierDefaults();
    return this.products.upsertFromFeed(this.parseProducts(doc).map((p) => ({ ...p, vendor: p.vendor || String(defaults.vendor ?? supplierId) })));
  }

  unpackBundle(sku: string, zipBuffer: Buffer): string[] {
    const dest = this.skuDir(sku);
    const written: string[] = [];
    const zip = new AdmZip(zipBuffer);
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const target = path.join(dest, entry.entryName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
      written.push(target);
    }
    this.log.info('bundle unpacked', { sku, files: written.length });
    return written;
  }

  async resize(sku: string, fileName: string, geometry: string): Promise<string> {
    const dir = this.skuDir(sku);
    const src = path.join(dir, path.basename(fileName));
    const out = path.join(dir, `${path.parse(src).name}-${Date.now()}.jpg`);
    await execAsync(`convert "${src}" -resize ${geometry} "${out}"`); //@vuln CWE-78
    return out;
  }

  async thumbnail(sku: string, fileName: string, geometry = '200x200'): Promise<string> {
    if (!GEOMETRY.test(geometry)) throw new Error('bad geometry');
    const dir = this.skuDir(sku);
    const src = path.join(dir, path.basename(fileName));
    const out = path.join(dir, `thumb-${path.basename(fileName)}`);
    await execFileAsync('convert', [src, '-thumbnail', geometry, out]); //@safe
    return out;
  }

  readSpecSheet(sku: string, yamlText: string): Record<string, unknown> {
    const spec = yaml.load(yamlText, { schema: yaml.DEFAULT_FULL_SCHEMA }) as Record<string, unknown>; //@vuln CWE-502
    this.log.debug('spec sheet parsed', { sku, keys: Object.keys(spec ?? {}) });
    return spec;
  }

  readSupplierDefaults(): Record<string, unknown> {
    const text = fs.readFileSync(path.join(__dirname, '..', 'supplier-defaults.yml'), 'utf8');
    return yaml.load(text, { schema: yaml.JSON_SCHEMA }) as Record<string, unknown>; //@safe
  }
}
