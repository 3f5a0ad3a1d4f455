import { injectable, inject } from 'inversify';
import type { Db, Filter } from 'mongodb';
import type { Redis } from 'ioredis';
import type { Logger } from 'winston';
import { TYPES, escapeRegExp } from '../infra';

export interface Product {
  sku: string;
  title: string;
  vendor: string;
  priceCents: number;
  active: boolean;
  tags: string[];
  attributes: Record<string, unknown>;
}

function deepMerge(target: any, src: any): any {
  for (const key of Object.keys(src)) {
    const value = src[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const PAGE_SIZE = 50;

@injectable()
export class ProductService {
  constructor(
    @inject(TYPES.Db) private readonly db: () => Db,
    @inject(TYPES.Redis) private readonly redis: Redis,
    @inject(TYPES.Logger) private readonly log: Logger,
  ) {}

  private get products() {
    return this.db().collection<Product>('products');
  }

  async bySku(sku: unknown): Promise<Product | null> {
    const key = `product:${String(sku)}`;
    const hit = await this.redis.get(key);
    if (hit) return JSON.parse(hit);
    const doc = await this.products.findOne({ sku: String(sku) }); //@safe
    if (doc) await this.redis.set(key, JSON.stringify(doc), 'EX', 300);
    return doc;
  }

  async query(filter: Filter<Product>, page = 0): Promise<Product[]> {
    return this.products.find({ active: true, ...filter }).skip(page * PAGE_SIZE).limit(PAGE_SIZE).toArray(); //@vuln CWE-943
  }

  async byVendor(vendor: string): Promise<Product[]> {
    return this.products.find({ $where: `this.vendor == '${vendor}' && this.active` }).limit(PAGE_SIZE).toArray(); //@vuln CWE-943
  }

  async search(term: string): Promise<Product[]> {
    const rx = new RegExp(escapeRegExp(term), 'i'); //@safe
    return this.products.find({ title: rx, active: true }).limit(25).toArray();
  }

  async grep(pattern: string, flags = 'i'): Promise<Pick<Product, 'sku' | 'title'>[]> {
    const rx = new RegExp(pattern, flags); //@vuln CWE-1333
    const all = await this.products.find({}, { projection: { sku: 1, title: 1 } }).toArray();
    return all.filter((p) => rx.test(p.title)).map(({ sku, title }) => ({ sku, title }));
  }

  async updateAttributes(sku: string, patch: Record<string, unknown>): Promise<Product | null> {
    const current = await this.bySku(sku);
    if (!current) return null;
    const attributes = deepMerge({ ...current.attributes }, patch);
    await this.products.updateOne({ sku: String(sku) }, { $set: { attributes } });
    await this.redis.del(`product:${sku}`);
    return { ...current, attributes };
  }

  async setPrice(sku: string, price: unknown): Promise<void> {
    const cents = Number.parseInt(String(price), 10);
    if (!Number.isFinite(cents) || cents < 0) throw new Error('invalid price');
    await this.products.updateOne({ sku: String(sku) }, { $set: { priceCents: cents } }); //@safe
    await this.redis.del(`product:${sku}`);
  }

  async retireVendor(body: { vendor: unknown; reason?: string }): Promise<number> {
    const res = await this.products.updateMany({ vendor: body.vendor } as Filter<Product>, { $set: { active: false } }); //@vuln CWE-943
    this.log.warn('vendor retired', { vendor: body.vendor, reason: body.reason, count: res.modifiedCount });
    return res.modifiedCount;
  }

  async upsertFromFeed(items: Partial<Product>[]): Promise<number> {
    let n = 0;
    for (const item of items) {
      if (!item.sku) continue;
      await this.products.updateOne({ sku: String(item.sku) }, { $set: { title: String(item.title ?? ''), vendor: String(item.vendor ?? ''), priceCents: Number(item.priceCents) || 0 } }, { upsert: true });
      n++;
    }
    return n;
  }
}
