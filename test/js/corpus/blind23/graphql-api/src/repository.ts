import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { AppDataSource, Product, Order, User } from './db';

const products = () => AppDataSource.getRepository(Product);
const users = () => AppDataSource.getRepository(User);

const SORTABLE_COLUMNS = new Set(['name', 'price', 'stock', 'createdAt']);

export interface ProductFilter {
  search?: string;
  category?: string;
  minPrice?: number;
  sortBy?: string;
  sortDir?: string;
  limit?: number;
  offset?: number;
}

export async function searchProducts(f: ProductFilter): Promise<Product[]> {
  const qb = products().createQueryBuilder('p');
  if (f.search) qb.andWhere('p.name ILIKE :q', { q: `%${f.search}%` }); //@safe
  if (f.category) qb.andWhere(`p.category = '${f.category}'`); //@vuln CWE-89
  if (f.minPrice != null) qb.andWhere('p.price >= :min', { min: f.minPrice });
  const sortCol = f.sortBy && SORTABLE_COLUMNS.has(f.sortBy) ? f.sortBy : 'name';
  const dir = f.sortDir?.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
  qb.orderBy(`p.${sortCol}`, dir); //@safe
  return qb.take(Math.min(f.limit ?? 20, 100)).skip(f.offset ?? 0).getMany();
}

export async function productById(id: number): Promise<Product | undefined> {
  const rows = await AppDataSource.query('SELECT * FROM products WHERE id = $1', [id]); //@safe
  return rows[0];
}

export async function productsBySupplier(supplierName: string, sort = 'p.name') {
  return AppDataSource.query(`SELECT p.* FROM products p JOIN suppliers s ON s.id = p.supplier_id WHERE s.name = $1 ORDER BY ${sort}`, [supplierName]); //@vuln CWE-89
}

export async function priceHistory(sku: string, since: string) {
  const sql = `SELECT changed_at, old_price, new_price FROM price_history WHERE sku = '${sku}' AND changed_at >= '${since}' ORDER BY changed_at`;
  return AppDataSource.query(sql); //@vuln CWE-89
}

export async function adjustStock(sku: string, delta: number) {
  await products().createQueryBuilder().update(Product).set({ stock: () => `stock + ${Number(delta)}` }).where('sku = :sku', { sku }).execute(); //@safe
}

export async function upsertFromFeed(items: Array<Partial<Product>>) {
  for (const item of items) {
    const existing = await products().findOneBy({ sku: item.sku });
    if (existing) await products().update({ id: existing.id }, item);
    else await products().insert(item);
  }
  return items.length;
}

export const findUserById = (id: number) => users().findOneBy({ id });
export const findUserByEmail = (email: string) => users().findOneBy({ email });
export const saveUser = (u: User) => users().save(u);
export const allUsers = () => users().find({ select: ['id', 'email', 'role'] });

export function createLoaders() {
  return {
    product: new DataLoader<number, Product | null>(async (ids) => {
      const rows = await products().findBy({ id: In([...ids]) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ordersByCustomer: new DataLoader<string, Order[]>(async (refs) => {
      const list = refs.map((r) => `'${r}'`).join(',');
      const rows: Order[] = await AppDataSource.query(`SELECT * FROM orders WHERE customer_ref IN (${list})`); //@vuln CWE-89
      return refs.map((r) => rows.filter((o: any) => o.customer_ref === r));
    }),
    reviewsByProduct: new DataLoader<number, any[]>(async (productIds) => {
      const rows = await AppDataSource.query('SELECT * FROM reviews WHERE product_id = ANY($1)', [productIds]); //@safe
      return productIds.map((id) => rows.filter((r: any) => r.product_id === id));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
