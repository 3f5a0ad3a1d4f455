import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@apollo/server/express4';
import { GraphQLError } from 'graphql';
import gql from 'graphql-tag';
import jwt, { JwtPayload } from 'jsonwebtoken';
import escapeRegExp from 'lodash/escapeRegExp';
import type { Request } from 'express';
import { knex } from '../db';
import { config } from '../config';
import { listTransactions, monthlySpend, Account } from '../repositories/transactionRepository';
import { findByKind } from '../repositories/insightStore';
import { fetchInstitutionMetadata } from '../connectors/openBanking';

interface GraphContext {
  userId: string;
}

const typeDefs = gql`
  type Transaction {
    id: ID!
    merchant: String!
    amountCents: Int!
    category: String
    postedAt: String!
  }

  type CategorySpend {
    category: String
    totalCents: Int!
  }

  type MerchantSummary {
    merchant: String!
    count: Int!
    totalCents: Int!
  }

  type Insight {
    id: ID!
    kind: String!
    title: String!
    body: String
  }

  type Institution {
    issuer: String!
    authorizationEndpoint: String!
  }

  type Query {
    transactions(accountId: ID, search: String, orderBy: String): [Transaction!]!
    monthlySpend(month: String!): [CategorySpend!]!
    merchantSummary(merchant: String!): MerchantSummary
    merchants(pattern: String!): [String!]!
    merchantLookup(name: String!): [String!]!
    insights(kind: String!): [Insight!]!
  }

  type Mutation {
    previewInstitution(url: String!): Institution!
    renameAccount(id: ID!, name: String!): Boolean!
  }
`;

async function distinctMerchants(userId: string): Promise<string[]> {
  const rows = await knex('transactions').distinct('merchant').where({ user_id: userId }).limit(2000);
  return rows.map((row: { merchant: string }) => row.merchant);
}

const resolvers = {
  Query: {
    transactions: (_: unknown, args: { accountId?: string; search?: string; orderBy?: string }, ctx: GraphContext) =>
      listTransactions(ctx.userId, { accountId: args.accountId, merchant: args.search, sort: args.orderBy }),

    monthlySpend: async (_: unknown, { month }: { month: string }, ctx: GraphContext) => {
      const rows = await monthlySpend(ctx.userId, month);
      return rows.map((row) => ({ category: row.category, totalCents: Number(row.total_cents) }));
    },

    merchantSummary: async (_: unknown, { merchant }: { merchant: string }, ctx: GraphContext) => {
      const result = await knex.raw(  //@vuln CWE-89
        `SELECT merchant, COUNT(*)::int AS count, SUM(amount_cents)::int AS "totalCents"
           FROM transactions WHERE user_id = ? AND merchant = '${merchant}' GROUP BY merchant`,
        [ctx.userId],
      );
      return result.rows[0] ?? null;
    },

    merchants: async (_: unknown, { pattern }: { pattern: string }, ctx: GraphContext) => {
      const matcher = new RegExp(pattern, 'i');  //@vuln CWE-1333
      return (await distinctMerchants(ctx.userId)).filter((name) => matcher.test(name));
    },

    merchantLookup: async (_: unknown, { name }: { name: string }, ctx: GraphContext) => {
      const matcher = new RegExp(`^${escapeRegExp(name.trim())}`, 'i');  //@safe
      return (await distinctMerchants(ctx.userId)).filter((merchant) => matcher.test(merchant)).slice(0, 20);
    },

    insights: (_: unknown, { kind }: { kind: string }, ctx: GraphContext) => findByKind(ctx.userId, kind),
  },

  Mutation: {
    previewInstitution: async (_: unknown, { url }: { url: string }) => {
      const metadata = await fetchInstitutionMetadata(url);
      return { issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint };
    },

    renameAccount: async (_: unknown, { id, name }: { id: string; name: string }, ctx: GraphContext) => {
      const updated = await Account.query().patch({ name }).where({ id, user_id: ctx.userId });
      return updated === 1;
    },
  },
};

export const apollo = new ApolloServer<GraphContext>({
  typeDefs,
  resolvers,
  introspection: config.env !== 'production',
});

async function buildContext({ req }: { req: Request }): Promise<GraphContext> {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  try {
    const claims = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as JwtPayload;  //@safe
    return { userId: String(claims.sub) };
  } catch {
    throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

export async function graphqlMiddleware() {
  await apollo.start();
  return expressMiddleware(apollo, { context: buildContext });
}
