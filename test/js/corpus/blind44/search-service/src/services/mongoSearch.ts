// Product catalogue & order analytics on MongoDB (official driver).
import { MongoClient, Db, Filter, Document } from 'mongodb';

let database: Db;

export async function connectMongo(url: string) {
  const client = await MongoClient.connect(url, { maxPoolSize: 20 });
  database = client.db();
}

const col = (name: string) => database.collection(name);

export interface ProductQuery {
  tenant: string;
  category?: unknown;
  text?: unknown;
  brand?: unknown;
  page?: unknown;
}

export async function searchProducts(q: ProductQuery) {
  const filter: Filter<Document> = { tenantId: q.tenant, archived: { $ne: true } };
  if (q.category) filter.category = String(q.category);
  if (q.brand) filter.brand = String(q.brand);
  if (q.text) filter.$text = { $search: String(q.text) };
  const page = Math.max(Number(q.page) || 1, 1);
  return col('products').find(filter).skip((page - 1) * 50).limit(50).toArray(); //@safe
}

// Dashboard "facets" panel posts { filters: {...}, groupBy: 'category' }.
const GROUPABLE = new Set(['category', 'brand', 'channel', 'region', 'status']);

export async function facetCounts(tenant: string, body: { filters?: Record<string, unknown>; groupBy?: string }) {
  const groupBy = GROUPABLE.has(String(body.groupBy)) ? String(body.groupBy) : 'category';
  const pipeline = [
    { $match: { tenantId: tenant, ...(body.filters ?? {}) } },
    { $group: { _id: `$${groupBy}`, count: { $sum: 1 } } },
    { $sort: { count: -1 } },
    { $limit: 100 },
  ];
  return col('orders').aggregate(pipeline).toArray(); //@vuln CWE-943
}

export async function ordersAbove(tenant: string, minTotal: string) {
  return col('orders').find({ tenantId: tenant, $where: `this.total > ${minTotal}` }).limit(200).toArray(); //@vuln CWE-943
}

// Saved searches shared with a link: /search/shared { code }
export async function sharedSearch(tenant: string, code: unknown) {
  return col('saved_searches').findOne({ tenantId: tenant, shareCode: code }); //@vuln CWE-943
}

export async function sharedSearchSafe(tenant: string, code: unknown) {
  if (typeof code !== 'string') return null;
  return col('saved_searches').findOne({ tenantId: tenant, shareCode: code }); //@safe
}

export async function customersByName(tenant: string, pattern: string) {
  return col('customers').find({ tenantId: tenant, name: { $regex: pattern, $options: 'i' } }).limit(50).toArray(); //@vuln CWE-943|CWE-1333
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function skuPrefix(tenant: string, prefix: string) {
  return col('products').find({ tenantId: tenant, sku: { $regex: '^' + escapeRegex(prefix) } }).limit(20).toArray(); //@safe
}
