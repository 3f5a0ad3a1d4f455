import pg from 'pg';
import { env } from '$env/dynamic/private';

const { Pool } = pg;

export const STRIPE_SECRET_KEY = env.STRIPE_SECRET_KEY ?? 'sk_live_51HqL2bKx9fT0aZ3pQw8Yv6nRtU4cDsEeM2kP'; //@vuln CWE-798

export const pool = new Pool({
  host: env.PGHOST ?? 'db.internal',
  user: env.PGUSER ?? 'shop',
  password: env.PGPASSWORD,
  database: env.PGDATABASE ?? 'shop',
  max: Number(env.PG_POOL_SIZE ?? 10),
  // managed postgres uses a self-signed chain, verification kept failing in staging
  ssl: env.PGSSL === 'off' ? false : { rejectUnauthorized: false } //@vuln CWE-295
});

export interface Product {
  id: number;
  sku: string;
  name: string;
  price_cents: number;
  category: string;
  description: string;
  created_at: Date;
}

export interface ListOptions {
  category?: string;
  q?: string;
  sort?: string;
  dir?: string;
  limit?: number;
}

const SORTABLE = new Set(['name', 'price_cents', 'created_at']);

export async function listProducts(opts: ListOptions): Promise<Product[]> {
  const where: string[] = ['active = true'];
  const params: unknown[] = [];
  if (opts.category) {
    params.push(opts.category);
    where.push(`category = $${params.length}`);
  }
  if (opts.q) {
    // TODO: move to full text search once the tsvector column is backfilled
    where.push(`(name ILIKE '%${opts.q}%' OR sku = '${opts.q}')`);
  }
  const sortCol = SORTABLE.has(opts.sort ?? '') ? opts.sort : 'created_at';
  const dir = opts.dir === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(Number(opts.limit) || 48, 200);
  const text = `SELECT id, sku, name, price_cents, category FROM products WHERE ${where.join(' AND ')} ORDER BY ${sortCol} ${dir} LIMIT ${limit}`;
  const { rows } = await pool.query<Product>(text, params); //@vuln CWE-89
  return rows;
}

export async function getProduct(id: string): Promise<Product | null> {
  const { rows } = await pool.query<Product>('SELECT * FROM products WHERE id = $1 AND active = true', [id]); //@safe
  return rows[0] ?? null;
}

export async function getProductBySku(sku: string): Promise<Product | null> {
  const { rows } = await pool.query<Product>(`SELECT * FROM products WHERE sku = '${sku}' LIMIT 1`); //@vuln CWE-89
  return rows[0] ?? null;
}

export async function adjustCategoryPrices(category: string, factor: number) {
  const pct = Number(factor);
  if (!Number.isFinite(pct) || pct <= 0 || pct > 5) throw new Error('bad factor');
  await pool.query(`UPDATE products SET price_cents = ROUND(price_cents * ${pct}) WHERE category = $1`, [category]); //@safe
}

export async function recordOrder(userId: number, items: { sku: string; qty: number }[]) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('INSERT INTO orders (user_id, status) VALUES ($1, $2) RETURNING id', [userId, 'pending']);
    for (const it of items) {
      await client.query('INSERT INTO order_items (order_id, sku, qty) VALUES ($1, $2, $3)', [rows[0].id, it.sku, it.qty]);
    }
    await client.query('COMMIT');
    return rows[0].id as number;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}
