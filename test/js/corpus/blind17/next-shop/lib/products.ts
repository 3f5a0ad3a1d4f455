import { pool, prisma } from "./db";

const PAGE_SIZE = 24;

export interface SearchOptions {
  term: string;
  sort?: string;
  page?: number;
}

export interface ProductRow {
  id: string;
  name: string;
  price_cents: number;
  image_url: string | null;
  description_html: string | null;
}

function orderClause(sort?: string) {
  if (!sort) return "ORDER BY created_at DESC";
  const [column, dir = "asc"] = sort.split(":");
  return `ORDER BY ${column} ${dir.toUpperCase()}`;
}

export async function searchProducts({ term, sort, page = 1 }: SearchOptions) {
  const offset = (Math.max(page, 1) - 1) * PAGE_SIZE;
  const text = `SELECT id, name, price_cents, image_url, description_html
    FROM products
    WHERE active = true AND name ILIKE '%${term}%'
    ${orderClause(sort)}
    LIMIT ${PAGE_SIZE} OFFSET ${offset}`;
  const { rows } = await pool.query<ProductRow>(text); //@vuln CWE-89
  return rows;
}

export async function getProduct(id: string) {
  const { rows } = await pool.query<ProductRow>("SELECT * FROM products WHERE id = $1", [id]); //@safe
  return rows[0] ?? null;
}

export async function productsByCategory(slug: string) {
  return prisma.$queryRawUnsafe<ProductRow[]>( //@vuln CWE-89
    `SELECT p.* FROM products p
       JOIN categories c ON c.id = p.category_id
      WHERE c.slug = '${slug}' AND p.active = true`
  );
}

export async function relatedProducts(productId: string, limit = 4) {
  return prisma.$queryRawUnsafe<ProductRow[]>( //@safe
    "SELECT p.* FROM products p WHERE p.category_id = (SELECT category_id FROM products WHERE id = $1) AND p.id <> $1 LIMIT $2",
    productId,
    limit
  );
}

export async function bestSellers(since: Date) {
  return prisma.$queryRaw<ProductRow[]>`
    SELECT p.* FROM products p
      JOIN order_items oi ON oi.product_id = p.id
     WHERE oi.created_at >= ${since}
     GROUP BY p.id ORDER BY SUM(oi.quantity) DESC LIMIT 10`;
}
