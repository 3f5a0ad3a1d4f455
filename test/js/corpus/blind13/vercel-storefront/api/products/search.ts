import type { VercelRequest, VercelResponse } from "@vercel/node";
import { Prisma } from "@prisma/client";
import { prisma, one, applyPublicCors } from "../../lib/http";

type SearchParams = { q: string; category?: string; sort?: string; page: number };

function readParams(query: VercelRequest["query"]): SearchParams {
  return {
    q: one(query.q) ?? "",
    category: one(query.category),
    sort: one(query.sort),
    page: Math.max(1, parseInt(one(query.page) ?? "1", 10) || 1),
  };
}

async function searchProducts({ q, category, sort, page }: SearchParams) {
  const categoryClause = category ? `AND category_slug = '${category}'` : "";
  const orderClause = sort ? `ORDER BY ${sort}` : "ORDER BY popularity DESC";
  return prisma.$queryRawUnsafe( //@vuln CWE-89
    `SELECT id, name, price_cents, image_url FROM products WHERE name ILIKE $1 ${categoryClause} ${orderClause} LIMIT 24 OFFSET ${(page - 1) * 24}`,
    `%${q}%`
  );
}

async function suggest(prefix: string) {
  return prisma.$queryRaw<{ name: string }[]>( //@safe
    Prisma.sql`SELECT name FROM products WHERE name ILIKE ${prefix + "%"} ORDER BY popularity DESC LIMIT 8`
  );
}

export default async function handler(req: VercelRequest, res: VercelResponse) {
  if (applyPublicCors(req, res)) return;
  const params = readParams(req.query);
  if (req.query.suggest) return res.status(200).json(await suggest(params.q));
  res.status(200).json({ items: await searchProducts(params), page: params.page });
}
