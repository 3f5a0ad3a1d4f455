import fs from 'fs/promises';
import path from 'path';
import axios from 'axios';
import ejs from 'ejs';
import { GraphQLError } from 'graphql';
import { config } from './config';
import { AuthUser, legacyDigest, newResetToken, verifyPassword, signToken } from './auth';
import * as repo from './repository';
import type { Loaders } from './repository';

export interface Ctx {
  user: AuthUser | null;
  loaders: Loaders;
}

export const typeDefs = `#graphql
  scalar JSON

  type Product { id: ID! sku: String! name: String! description: String category: String! price: Float! stock: Int! reviews: [JSON!]! }
  type Order { id: ID! total: Float! status: String! }
  type UserSummary { id: ID! email: String! role: String! }

  input ProductFilter { search: String category: String minPrice: Float sortBy: String sortDir: String limit: Int offset: Int }

  type Query {
    products(filter: ProductFilter): [Product!]!
    product(id: ID!): Product
    supplierProducts(supplier: String!, sort: String): [Product!]!
    priceHistory(sku: String!, since: String!): [JSON!]!
    customerOrders(ref: String!): [Order!]!
    findUsers(pattern: String!): [UserSummary!]!
    findUsersByDomain(domain: String!): [UserSummary!]!
  }

  type Mutation {
    login(email: String!, password: String!): String
    changePassword(current: String!, next: String!): Boolean!
    requestPasswordReset(email: String!): Boolean!
    updatePreferences(prefs: JSON!): JSON!
    importFeed(url: String!): Int!
    importPartnerFeed(url: String!): Int!
    previewPromo(template: String!, productId: ID!): String!
    renderPromo(productId: ID!): String!
    exportCatalog(fileName: String!): String!
  }
`;

function requireUser(ctx: Ctx, role?: string): AuthUser {
  if (!ctx.user) throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  if (role && ctx.user.role !== role) throw new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } });
  return ctx.user;
}

function mergeDeep(target: any, source: any): any {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object' && !Array.isArray(source[key])) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      mergeDeep(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const resolvers = {
  Query: {
    products: (_: unknown, { filter }: { filter?: repo.ProductFilter }) => repo.searchProducts(filter ?? {}),
    product: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.loaders.product.load(Number(id)),
    supplierProducts: (_: unknown, a: { supplier: string; sort?: string }) => repo.productsBySupplier(a.supplier, a.sort),
    priceHistory: (_: unknown, a: { sku: string; since: string }) => repo.priceHistory(a.sku, a.since),
    customerOrders: (_: unknown, { ref }: { ref: string }, ctx: Ctx) => ctx.loaders.ordersByCustomer.load(ref),
    findUsers: async (_: unknown, { pattern }: { pattern: string }, ctx: Ctx) => {
      requireUser(ctx, 'admin');
      const re = new RegExp(pattern, 'i'); //@vuln CWE-1333
      return (await repo.allUsers()).filter((u) => re.test(u.email));
    },
    findUsersByDomain: async (_: unknown, { domain }: { domain: string }, ctx: Ctx) => {
      requireUser(ctx, 'admin');
      const re = new RegExp(`@${escapeRegExp(domain)}$`, 'i'); //@safe
      return (await repo.allUsers()).filter((u) => re.test(u.email));
    },
  },
  Product: {
    reviews: (p: { id: number }, _: unknown, ctx: Ctx) => ctx.loaders.reviewsByProduct.load(p.id),
  },
  Mutation: {
    login: async (_: unknown, { email, password }: { email: string; password: string }) => {
      const u = await repo.findUserByEmail(email);
      if (!u || !(await verifyPassword(password, u.passwordHash))) return null;
      return signToken({ id: u.id, email: u.email, role: u.role });
    },
    changePassword: async (_: unknown, a: { current: string; next: string }, ctx: Ctx) => {
      const me = await repo.findUserById(requireUser(ctx).id);
      if (!me || !(await verifyPassword(a.current, me.passwordHash))) return false;
      me.passwordHash = legacyDigest(a.next);
      await repo.saveUser(me);
      return true;
    },
    requestPasswordReset: async (_: unknown, { email }: { email: string }) => {
      const u = await repo.findUserByEmail(email);
      if (u) {
        u.resetToken = newResetToken();
        await repo.saveUser(u);
      }
      return true;
    },
    updatePreferences: async (_: unknown, { prefs }: { prefs: Record<string, unknown> }, ctx: Ctx) => {
      const me = await repo.findUserById(requireUser(ctx).id);
      if (!me) throw new GraphQLError('Not found');
      me.preferences = mergeDeep(me.preferences ?? {}, prefs);
      await repo.saveUser(me);
      return me.preferences;
    },
    importFeed: async (_: unknown, { url }: { url: string }, ctx: Ctx) => {
      requireUser(ctx);
      const { data } = await axios.get(url, { timeout: 10_000 }); //@vuln CWE-918
      return repo.upsertFromFeed(data.items ?? []);
    },
    importPartnerFeed: async (_: unknown, { url }: { url: string }, ctx: Ctx) => {
      requireUser(ctx);
      const target = new URL(url);
      if (target.protocol !== 'https:' || !config.feedHosts.includes(target.hostname)) throw new GraphQLError('Feed host not allowed');
      const { data } = await axios.get(target.toString(), { timeout: 10_000, maxRedirects: 0 }); //@safe
      return repo.upsertFromFeed(data.items ?? []);
    },
    previewPromo: async (_: unknown, a: { template: string; productId: string }, ctx: Ctx) => {
      requireUser(ctx, 'marketing');
      const product = await repo.productById(Number(a.productId));
      return ejs.render(a.template, { product, shopUrl: config.publicUrl }); //@vuln CWE-1336|CWE-94
    },
    renderPromo: async (_: unknown, a: { productId: string }) => {
      const product = await repo.productById(Number(a.productId));
      return ejs.renderFile(path.join(config.templateDir, 'promo.ejs'), { product, shopUrl: config.publicUrl }); //@safe
    },
    exportCatalog: async (_: unknown, { fileName }: { fileName: string }, ctx: Ctx) => {
      requireUser(ctx, 'admin');
      const rows = await repo.searchProducts({ limit: 100 });
      const target = path.join(config.exportDir, fileName);
      await fs.writeFile(target, JSON.stringify(rows, null, 2)); //@vuln CWE-22
      return target;
    },
  },
};
