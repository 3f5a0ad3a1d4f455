import vm from 'node:vm';
import type { Request } from 'express';
import axios from 'axios';
import { createSchema, createYoga } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

interface Context {
  req: Request & { user: { id: string; tenantId: string; role: string } };
}

const typeDefs = /* GraphQL */ `
  type RevenuePoint {
    period: String!
    total: Float!
    count: Int!
  }

  type CustomerTotal {
    customerId: ID!
    name: String!
    total: Float!
  }

  type InvoiceHit {
    id: ID!
    number: String!
    total: Float!
  }

  type StatusCount {
    status: String!
    count: Int!
  }

  type Query {
    revenue(groupBy: String!, from: String!, to: String!): [RevenuePoint!]!
    statusBreakdown(statuses: [String!]!): [StatusCount!]!
    topCustomers(limit: Int = 10): [CustomerTotal!]!
    searchInvoices(term: String!): [InvoiceHit!]!
    forecast(expression: String!, months: Int = 12): [Float!]!
    priceQuote(ruleId: ID!, quantity: Int!, unitPrice: Float!): Float!
    fxRate(base: String!, quote: String!, source: String): Float
  }
`;

async function monthlyTotals(tenantId: string): Promise<number[]> {
  const rows = await prisma.invoice.groupBy({
    by: ['issuedMonth'],
    where: { tenantId, status: { in: ['sent', 'paid', 'overdue'] } },
    _sum: { total: true },
    orderBy: { issuedMonth: 'asc' },
  });
  return rows.map((r) => Number(r._sum.total ?? 0));
}

const resolvers = {
  Query: {
    revenue: async (_: unknown, args: { groupBy: string; from: string; to: string }, { req }: Context) => {
      const { groupBy, from, to } = args;
      const sql = `SELECT to_char(date_trunc('${groupBy}', issued_at), 'YYYY-MM-DD') AS period,
                          SUM(total)::float AS total, COUNT(*)::int AS count
                     FROM invoices
                    WHERE tenant_id = $1 AND issued_at >= $2::date AND issued_at < $3::date
                    GROUP BY 1 ORDER BY 1`;
      return prisma.$queryRawUnsafe(sql, req.user.tenantId, from, to);  //@vuln CWE-89
    },

    statusBreakdown: async (_: unknown, { statuses }: { statuses: string[] }, { req }: Context) => {
      const list = statuses.map((s) => `'${s}'`).join(', ');
      return prisma.$queryRawUnsafe(`SELECT status, COUNT(*)::int AS count FROM invoices WHERE tenant_id = $1 AND status IN (${list}) GROUP BY status`, req.user.tenantId);  //@vuln CWE-89
    },

    topCustomers: async (_: unknown, { limit }: { limit: number }, { req }: Context) => {
      const capped = Math.min(Math.max(limit, 1), 100);
      return prisma.$queryRaw`SELECT c.id AS "customerId", c.name, SUM(i.total)::float AS total FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.tenant_id = ${req.user.tenantId} GROUP BY c.id, c.name ORDER BY total DESC LIMIT ${capped}`;  //@safe
    },

    searchInvoices: async (_: unknown, { term }: { term: string }, { req }: Context) => {
      return prisma.$queryRawUnsafe('SELECT id, number, total::float AS total FROM invoices WHERE tenant_id = $1 AND number ILIKE $2 ORDER BY issued_at DESC LIMIT 20', req.user.tenantId, `%${term}%`);  //@safe
    },

    // Finance users type a projection such as "history[history.length - 1] * Math.pow(1.02, month)".
    forecast: async (_: unknown, { expression, months }: { expression: string; months: number }, { req }: Context) => {
      const history = await monthlyTotals(req.user.tenantId);
      const points: number[] = [];
      for (let month = 1; month <= Math.min(months, 36); month++) {
        points.push(Number(vm.runInNewContext(expression, { history, month, Math }, { timeout: 50 })));  //@vuln CWE-94
      }
      return points;
    },

    priceQuote: async (_: unknown, args: { ruleId: string; quantity: number; unitPrice: number }, { req }: Context) => {
      const rule = await prisma.pricingRule.findFirst({ where: { id: Number(args.ruleId), tenantId: req.user.tenantId } });
      if (!rule) {
        throw new GraphQLError('Unknown pricing rule', { extensions: { code: 'NOT_FOUND' } });
      }
      const compute = new Function('quantity', 'unitPrice', 'Math', `return (${rule.formula});`);  //@vuln CWE-94
      return Number(compute(args.quantity, args.unitPrice, Math));
    },

    fxRate: async (_: unknown, { base, quote, source }: { base: string; quote: string; source?: string }) => {
      const endpoint = source ?? 'https://api.exchangerate.host/latest';
      const { data } = await axios.get(endpoint, { params: { base, symbols: quote }, timeout: 4000 });  //@vuln CWE-918
      return data?.rates?.[quote] ?? null;
    },
  },
};

export const reportingYoga = createYoga<Context>({
  schema: createSchema<Context>({ typeDefs, resolvers }),
  graphqlEndpoint: '/graphql',
  graphiql: process.env.NODE_ENV !== 'production',
  maskedErrors: true,
});
