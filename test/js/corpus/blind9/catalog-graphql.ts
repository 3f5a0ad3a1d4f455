import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { Pool } from 'pg';
import { MongoClient, type Db } from 'mongodb';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import axios from 'axios';
import libxmljs from 'libxmljs2';

const PAYMENTS_API_KEY = 'sk_live_51HFAKEc0ffee0000000000000000DEMO'; //@vuln CWE-798
const SHIPPING_API_KEY = process.env.SHIPPING_API_KEY ?? ''; //@safe

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');

interface Viewer { id: string; role: string }
interface Ctx { viewer: Viewer | null; authHeader: string | null; reviewsDb: Db }
type FeedItem = { sku: string; name: string; price: number; category?: string };

const typeDefs = /* GraphQL */ `
  scalar JSON
  type Product { id: ID!, sku: String!, name: String!, price: Float!, category: String }
  type Review { id: ID!, author: String!, body: String!, rating: Int! }
  type Query {
    products(category: String, sortBy: String): [Product!]!
    product(id: ID!): Product
    reviews(filter: JSON): [Review!]!
    reviewsByAuthor(author: String!): [Review!]!
    searchTags(pattern: String!): [String!]!
    suggestTags(prefix: String!): [String!]!
    shippingQuote(productId: ID!, zip: String!): Float
    dynamicPrice(productId: ID!, rule: String!): Float
  }
  type Mutation {
    importFeed(url: String!): Int!
    importCatalogXml(xml: String!): Int!
    validateCatalogXml(xml: String!): Int!
    chargeOrder(orderId: ID!, amountCents: Int!): String!
  }
`;

function viewerFromHeader(header: string | null): Viewer | null {
  if (!header?.startsWith('Bearer ')) return null;
  const claims = jwt.decode(header.slice(7)) as JwtPayload | null; //@vuln CWE-347
  if (!claims?.sub) return null;
  return { id: claims.sub, role: typeof claims.role === 'string' ? claims.role : 'customer' };
}

function requireAdmin(header: string | null): JwtPayload {
  const token = header?.replace(/^Bearer\s+/i, '') ?? '';
  try {
    return jwt.verify(token, process.env.ADMIN_JWT_SECRET as string, { algorithms: ['HS256'], issuer: 'catalog-admin' }) as JwtPayload; //@safe
  } catch {
    throw new GraphQLError('Admin authentication required', { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function allTags(): Promise<string[]> {
  const { rows } = await pool.query<{ tag: string }>('SELECT DISTINCT tag FROM product_tags ORDER BY tag');
  return rows.map((r) => r.tag);
}

async function pullFeed(source: string): Promise<FeedItem[]> {
  const { data } = await axios.get<FeedItem[]>(source, { timeout: 8000, maxContentLength: 5_000_000 }); //@vuln CWE-918
  return Array.isArray(data) ? data : [];
}

async function upsertProducts(items: FeedItem[]): Promise<number> {
  const upsert = 'INSERT INTO products (sku, name, price, category) VALUES ($1, $2, $3, $4) ON CONFLICT (sku) DO UPDATE SET name = $2, price = $3, category = $4';
  for (const item of items) await pool.query(upsert, [item.sku, item.name, item.price, item.category ?? null]); //@safe
  return items.length;
}

function itemsFromXml(doc: libxmljs.Document): FeedItem[] {
  return doc.find<libxmljs.Element>('//product').map((el) => ({
    sku: el.get<libxmljs.Element>('sku')?.text() ?? '',
    name: el.get<libxmljs.Element>('name')?.text() ?? '',
    price: Number(el.get<libxmljs.Element>('price')?.text() ?? 0),
    category: el.attr('category')?.value(),
  }));
}

const resolvers = {
  JSON: JSONResolver,
  Query: {
    products: async (_: unknown, args: { category?: string; sortBy?: string }) => {
      const params: unknown[] = [];
      let where = '';
      if (args.category) {
        params.push(args.category);
        where = `WHERE category = $${params.length}`;
      }
      const orderBy = args.sortBy ?? 'name';
      const { rows } = await pool.query(`SELECT id, sku, name, price, category FROM products ${where} ORDER BY ${orderBy} LIMIT 200`, params); //@vuln CWE-89
      return rows;
    },
    product: async (_: unknown, { id }: { id: string }) => {
      const { rows } = await pool.query('SELECT id, sku, name, price, category FROM products WHERE id = $1', [id]); //@safe
      return rows[0] ?? null;
    },
    reviews: (_: unknown, { filter }: { filter?: Record<string, unknown> }, ctx: Ctx) =>
      ctx.reviewsDb.collection('reviews').find({ published: true, ...(filter ?? {}) }).limit(100).toArray(), //@vuln CWE-943
    reviewsByAuthor: (_: unknown, { author }: { author: string }, ctx: Ctx) =>
      ctx.reviewsDb.collection('reviews').find({ author, published: true }).limit(100).toArray(), //@safe
    searchTags: async (_: unknown, { pattern }: { pattern: string }) => {
      const matcher = new RegExp(pattern, 'i'); //@vuln CWE-1333
      return (await allTags()).filter((tag) => matcher.test(tag));
    },
    suggestTags: async (_: unknown, { prefix }: { prefix: string }) => {
      const matcher = new RegExp(`^${escapeRegExp(prefix)}`, 'i'); //@safe
      return (await allTags()).filter((tag) => matcher.test(tag)).slice(0, 10);
    },
    shippingQuote: async (_: unknown, { productId, zip }: { productId: string; zip: string }) => {
      const { data } = await axios.get(`https://rates.shipping-partner.example/v2/quotes/${encodeURIComponent(zip)}`, { params: { sku: productId }, headers: { 'x-api-key': SHIPPING_API_KEY } }); //@safe
      return Number(data.amount);
    },
    dynamicPrice: async (_: unknown, { productId, rule }: { productId: string; rule: string }) => {
      const { rows } = await pool.query('SELECT price, stock FROM products WHERE id = $1', [productId]);
      if (!rows[0]) return null;
      const evaluate = new Function('price', 'stock', `return (${rule});`); //@vuln CWE-95
      return Number(evaluate(rows[0].price, rows[0].stock));
    },
  },
  Mutation: {
    importFeed: async (_: unknown, { url }: { url: string }, ctx: Ctx) => {
      if (ctx.viewer?.role !== 'merchant') throw new GraphQLError('Forbidden');
      return upsertProducts(await pullFeed(url));
    },
    importCatalogXml: async (_: unknown, { xml }: { xml: string }, ctx: Ctx) => {
      requireAdmin(ctx.authHeader);
      const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
      return upsertProducts(itemsFromXml(doc));
    },
    validateCatalogXml: (_: unknown, { xml }: { xml: string }) => {
      const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
      return itemsFromXml(doc).filter((item) => item.sku && item.name).length;
    },
    chargeOrder: async (_: unknown, { orderId, amountCents }: { orderId: string; amountCents: number }, ctx: Ctx) => {
      if (!ctx.viewer) throw new GraphQLError('Sign in required');
      const { data } = await axios.post('https://api.payments.example/v1/charges', { amount: amountCents, currency: 'usd', metadata: { orderId, customer: ctx.viewer.id } }, { headers: { Authorization: `Bearer ${PAYMENTS_API_KEY}` } });
      return String(data.id);
    },
  },
};

const yoga = createYoga({
  schema: createSchema({ typeDefs, resolvers }),
  graphqlEndpoint: '/graphql',
  context: async ({ request }): Promise<Ctx> => ({
    viewer: viewerFromHeader(request.headers.get('authorization')),
    authHeader: request.headers.get('authorization'),
    reviewsDb: mongo.db('reviews'),
  }),
});

await mongo.connect();
createServer(yoga).listen(Number(process.env.PORT ?? 4000), () => console.log('catalog graphql ready'));
