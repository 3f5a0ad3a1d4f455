import { prisma, pgPool, legacyMls } from "./db";

export type ListingFilters = {
  city?: string;
  minPrice?: number;
  maxPrice?: number;
  beds?: number;
  propertyType?: string;
  sort?: string;
};

export type ListingCard = {
  id: string;
  title: string;
  price: number;
  city: string;
  bedrooms: number;
  coverUrl: string | null;
};

export type ListingDetail = ListingCard & {
  description_html: string | null;
  mls_number: string | null;
  agent_id: string;
  agentName: string;
  agentPhone: string | null;
  photos: { url: string; caption: string | null }[];
};

const PAGE_SIZE = 24;

const SORT_COLUMNS: Record<string, string> = {
  newest: "listed_at DESC",
  price_asc: "price ASC",
  price_desc: "price DESC",
  beds: "bedrooms DESC",
};

export async function searchListings(filters: ListingFilters, page = 1): Promise<ListingCard[]> {
  const clauses = ["status = 'active'"];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    clauses.push(sql.replace("?", `$${values.length}`));
  };

  if (filters.city) add("city = ?", filters.city);
  if (filters.minPrice) add("price >= ?", filters.minPrice);
  if (filters.maxPrice) add("price <= ?", filters.maxPrice);
  if (filters.beds) add("bedrooms >= ?", filters.beds);
  if (filters.propertyType) add("property_type = ?", filters.propertyType);

  const orderBy = SORT_COLUMNS[filters.sort ?? "newest"] ?? SORT_COLUMNS.newest;
  const offset = Number.isInteger(page) && page > 0 ? (page - 1) * PAGE_SIZE : 0;

  const { rows } = await pgPool.query<ListingCard>(  //@safe
    `SELECT id, title, price, city, bedrooms, cover_url AS "coverUrl"
       FROM listings
      WHERE ${clauses.join(" AND ")}
      ORDER BY ${orderBy}
      LIMIT ${PAGE_SIZE} OFFSET ${offset}`,
    values,
  );
  return rows;
}

export async function keywordSearch(term: string, city?: string): Promise<ListingCard[]> {
  let sql = `SELECT id, title, price, city, bedrooms, cover_url AS "coverUrl"
               FROM listings
              WHERE status = 'active'
                AND (title ILIKE '%${term}%' OR description ILIKE '%${term}%')`;
  if (city) sql += ` AND city = '${city}'`;
  sql += " ORDER BY listed_at DESC LIMIT 50";
  const result = await pgPool.query<ListingCard>(sql);  //@vuln CWE-89
  return result.rows;
}

export async function getListing(id: string): Promise<ListingDetail | null> {
  const rows = await prisma.$queryRaw<ListingDetail[]>`SELECT l.*, a.display_name AS "agentName", a.phone AS "agentPhone" FROM listings l JOIN agents a ON a.id = l.agent_id WHERE l.id = ${id}`;  //@safe
  if (!rows[0]) return null;
  const photos = await prisma.listingPhoto.findMany({
    where: { listingId: id },
    orderBy: { position: "asc" },
    select: { url: true, caption: true },
  });
  return { ...rows[0], photos };
}

export async function listingsForAgent(agentId: string, sortBy = "listed_at") {
  return prisma.$queryRawUnsafe<ListingCard[]>(  //@vuln CWE-89
    `SELECT id, title, price, city, bedrooms, status FROM listings WHERE agent_id = $1 ORDER BY ${sortBy} DESC`,
    agentId,
  );
}

export async function priceHistory(mlsNumber: string) {
  const [rows] = await legacyMls.query(`SELECT changed_at, old_price, new_price, reason FROM price_history WHERE mls_no = '${mlsNumber}' ORDER BY changed_at`);  //@vuln CWE-89
  return rows as { changed_at: string; old_price: number; new_price: number; reason: string | null }[];
}

export async function openHouses(mlsNumber: string, from: string) {
  const [rows] = await legacyMls.execute(
    "SELECT starts_at, ends_at, host_agent FROM open_houses WHERE mls_no = ? AND starts_at >= ? ORDER BY starts_at",
    [mlsNumber, from],
  );
  return rows;
}

export async function agentViewStats(agentId: string, range: { from: string; to: string }) {
  const { from, to } = range;
  return prisma.$queryRawUnsafe(  //@vuln CWE-89
    "SELECT date_trunc('day', v.viewed_at) AS day, count(*)::int AS views FROM listing_views v JOIN listings l ON l.id = v.listing_id WHERE l.agent_id = '" +
      agentId +
      "' AND v.viewed_at BETWEEN '" +
      from +
      "' AND '" +
      to +
      "' GROUP BY 1 ORDER BY 1",
  );
}

export async function recordView(listingId: string, userId: string | null) {
  await prisma.listingView.create({ data: { listingId, userId } });
}
