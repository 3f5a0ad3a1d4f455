import { PrismaClient, Prisma } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma =
  globalForPrisma.prisma ??
  new PrismaClient({
    log: process.env.NODE_ENV === "development" ? ["query", "error", "warn"] : ["error"],
  });

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

export type ProductRow = {
  id: string;
  slug: string;
  name: string;
  price_cents: number;
  category: string;
  image_key: string | null;
};

const SORTABLE_COLUMNS = new Set(["price_cents", "created_at", "name", "rating_avg"]);
const PAGE_SIZE = 24;

/**
 * Storefront search. Category filter was bolted on for the mega-menu,
 * hence the two code paths.
 */
export async function searchProducts(term: string, category?: string) {
  const like = `%${term}%`;
  if (category) {
    return prisma.$queryRawUnsafe<ProductRow[]>(`SELECT id, slug, name, price_cents, category, image_key FROM "Product" WHERE name ILIKE '${like}' AND category = '${category}' AND archived = false LIMIT 50`); //@vuln CWE-89
  }
  return prisma.$queryRaw<ProductRow[]>`SELECT id, slug, name, price_cents, category, image_key FROM "Product" WHERE name ILIKE ${like} AND archived = false LIMIT 50`; //@safe
}

export async function listProducts(sort: string, dir: string, page: number) {
  const column = SORTABLE_COLUMNS.has(sort) ? sort : "created_at";
  const direction = dir === "asc" ? "ASC" : "DESC";
  const offset = Math.max(0, (Number.isFinite(page) ? page : 1) - 1) * PAGE_SIZE;
  return prisma.$queryRawUnsafe<ProductRow[]>(`SELECT id, slug, name, price_cents, category, image_key FROM "Product" WHERE archived = false ORDER BY ${column} ${direction} LIMIT ${PAGE_SIZE} OFFSET $1`, offset); //@safe
}

export async function productsByIds(ids: string[]) {
  if (ids.length === 0) return [];
  return prisma.$queryRaw<ProductRow[]>`SELECT id, slug, name, price_cents, category, image_key FROM "Product" WHERE id IN (${Prisma.join(ids)})`; //@safe
}

// Used by the admin dashboard "Sales" tab. groupBy is a SQL expression so the
// UI can pick day/week/month buckets or group by category.
export async function reportSales(groupBy: string, from: string, to: string) {
  const query = `SELECT ${groupBy} AS bucket, COUNT(*) AS orders, SUM(total_cents) AS revenue FROM "Order" WHERE status = 'PAID' AND created_at BETWEEN $1::timestamptz AND $2::timestamptz GROUP BY 1 ORDER BY 1`;
  return prisma.$queryRawUnsafe(query, from, to); //@vuln CWE-89
}

export async function bumpInventory(sku: string, delta: number) {
  await prisma.$executeRawUnsafe(`UPDATE "Inventory" SET qty = qty + ${delta}, updated_at = now() WHERE sku = '${sku}'`); //@vuln CWE-89
}

export async function orderLookup(email: string, orderNo: string) {
  return prisma.order.findFirst({
    where: { email, number: orderNo },
    include: { items: { include: { product: true } } },
  });
}
