import { inject, injectable } from 'tsyringe';
import { cached, redis } from '../cache/redis';
import { ProductRepository } from '../repositories/product.repository';
import { deepMerge, safeMerge } from '../utils/object-path';

export class NotFound extends Error {
  readonly status = 404;
}

const PRESETS: Record<string, Record<string, unknown>> = {
  apparel: { sizes: ['S', 'M', 'L'], care: { wash: 30 } },
  electronics: { warrantyMonths: 24, battery: { removable: false } },
};

@injectable()
export class ProductService {
  constructor(@inject(ProductRepository) private readonly repo: ProductRepository) {}

  list(category: string | undefined, filters: Record<string, unknown> = {}, limit = 50) {
    const query = { archived: false, ...(category ? { category } : {}), ...filters };
    return cached(`products:list:${JSON.stringify(query)}:${limit}`, 60, () => this.repo.search(query, limit));
  }

  async getBySlug(slug: string) {
    const product = await cached(`products:slug:${slug}`, 300, () => this.repo.bySlug(slug));
    if (!product) throw new NotFound('product_not_found');
    return product;
  }

  search = (term: string, prefixOnly: boolean) => (prefixOnly ? this.repo.nameStartsWith(term) : this.repo.nameMatches(term));

  budget = (maxPrice: string) => this.repo.cheaperThan(maxPrice);

  lookupReservation = (code: unknown, email: unknown, strict: boolean) =>
    strict ? this.repo.findReservationStrict(code, email) : this.repo.findReservation(code, email);

  private async attributesOf(id: string): Promise<Record<string, any>> {
    const product = await this.repo.byId(id);
    if (!product) throw new NotFound('product_not_found');
    await redis.del(`products:slug:${product.slug}`);
    return { ...(product.attributes ?? {}) };
  }

  async patchAttributes(id: string, patch: Record<string, unknown>) {
    const merged = deepMerge(await this.attributesOf(id), patch);
    return this.repo.updateAttributes(id, merged);
  }

  async applyPreset(id: string, preset: string, overrides: Record<string, unknown>) {
    const attrs = safeMerge(safeMerge(await this.attributesOf(id), PRESETS[preset] ?? {}), overrides);
    return this.repo.updateAttributes(id, attrs);
  }
}
