import { GraphQLError } from 'graphql';
import type { Db } from 'mongodb';
import { ObjectId } from 'mongodb';
import { PrismaClient } from '@prisma/client';
import sanitizeHtml from 'sanitize-html';

interface Context {
  db: Db;
  prisma: PrismaClient;
  userId?: string;
}

type ProductFilterInput = {
  name?: string;
  where?: Record<string, unknown>;
  jsPredicate?: string;
};

type ConfigPatch = { path: string; value: unknown };

const runtimeConfig: Record<string, any> = { features: {}, limits: { pageSize: 20 } };

function setByPath(obj: Record<string, any>, dotted: string, value: unknown) {
  const keys = dotted.split('.');
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    cur[keys[i]] = cur[keys[i]] ?? {};
    cur = cur[keys[i]];
  }
  cur[keys[keys.length - 1]] = value; //@vuln CWE-1321
}

function setFeatureFlag(flags: Record<string, boolean>, name: string, on: boolean) {
  if (!/^[a-z][a-zA-Z0-9_]{1,40}$/.test(name)) throw new GraphQLError('bad flag name');
  Object.defineProperty(flags, name, { value: on, enumerable: true, configurable: true, writable: true }); //@safe
}

function mergeInto(target: any, src: any): any {
  Object.keys(src).forEach((k) => {
    if (typeof src[k] === 'object' && src[k] !== null) {
      target[k] = mergeInto(target[k] || {}, src[k]); //@vuln CWE-1321
    } else {
      target[k] = src[k];
    }
  });
  return target;
}

export const resolvers = {
  Query: {
    products: async (_: unknown, { filter }: { filter: ProductFilterInput }, { db }: Context) => {
      return db.collection('products').find(filter.where ?? {}).limit(50).toArray(); //@vuln CWE-943
    },

    productByName: async (_: unknown, { name }: { name: string }, { db }: Context) => {
      return db.collection('products').findOne({ name: { $eq: String(name) } }); //@safe
    },

    productById: async (_: unknown, { id }: { id: string }, { db }: Context) => {
      if (!ObjectId.isValid(id)) return null;
      return db.collection('products').findOne({ _id: new ObjectId(id) }); //@safe
    },

    productsMatching: async (_: unknown, { filter }: { filter: ProductFilterInput }, { db }: Context) => {
      return db.collection('products').find({ $where: filter.jsPredicate }).toArray(); //@vuln CWE-943
    },

    orders: async (_: unknown, args: { status: string; sortBy: string }, { prisma }: Context) => {
      const sql = `SELECT * FROM "Order" WHERE status = '${args.status}' ORDER BY ${args.sortBy}`;
      return prisma.$queryRawUnsafe(sql); //@vuln CWE-89
    },

    ordersSafe: async (_: unknown, args: { status: string }, { prisma }: Context) => {
      return prisma.$queryRawUnsafe('SELECT * FROM "Order" WHERE status = $1', args.status); //@safe
    },

    ordersForUser: async (_: unknown, args: { email: string }, { prisma }: Context) => {
      return prisma.$queryRaw`SELECT o.* FROM "Order" o JOIN "User" u ON u.id = o."userId" WHERE u.email = ${args.email}`; //@safe
    },
  },

  Mutation: {
    login: async (_: unknown, args: { input: { email: any; password: any } }, { db }: Context) => {
      const user = await db.collection('users').findOne({ email: args.input.email, password: args.input.password }); //@vuln CWE-943
      if (!user) throw new GraphQLError('invalid login');
      return { id: user._id.toHexString() };
    },

    updateProfile: async (_: unknown, args: { userId: string; patch: Record<string, unknown> }, { db }: Context) => {
      await db.collection('users').updateOne({ _id: new ObjectId(args.userId) }, { $set: args.patch }); //@vuln CWE-943|CWE-915
      return true;
    },

    setConfig: (_: unknown, { patch }: { patch: ConfigPatch }) => {
      setByPath(runtimeConfig, patch.path, patch.value);
      return JSON.stringify(runtimeConfig);
    },

    mergeConfig: (_: unknown, { json }: { json: string }) => {
      mergeInto(runtimeConfig, JSON.parse(json));
      return JSON.stringify(runtimeConfig);
    },

    toggleFeature: (_: unknown, { name, on }: { name: string; on: boolean }) => {
      setFeatureFlag(runtimeConfig.features, name, on);
      return true;
    },

    postComment: async (_: unknown, { body }: { body: string }, { db, userId }: Context) => {
      const clean = sanitizeHtml(body, { allowedTags: ['b', 'i', 'a'], allowedAttributes: { a: ['href'] } });
      await db.collection('comments').insertOne({ userId, body: clean, at: new Date() });
      return clean;
    },
  },
};
