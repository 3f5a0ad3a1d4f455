import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { router, protectedProcedure } from '../trpc';
import { reportCacheKey } from '../lib/hash';

const GROUP_EXPRESSIONS = {
  day: "date_trunc('day', created_at)",
  week: "date_trunc('week', created_at)",
  region: 'region',
  plan: 'plan_id',
} as const;

const cache = new Map<string, unknown>();

const filterSchema = z.object({ field: z.string(), value: z.string() });

export const reportsRouter = router({
  revenue: protectedProcedure
    .input(z.object({ groupBy: z.enum(['day', 'week', 'region', 'plan']), from: z.string(), to: z.string() }))
    .query(async ({ ctx, input }) => {
      const key = reportCacheKey({ r: 'revenue', ...input });
      if (cache.has(key)) return cache.get(key);
      const bucket = sql.raw(GROUP_EXPRESSIONS[input.groupBy]); //@safe
      const result = await ctx.db.execute(
        sql`SELECT ${bucket} AS bucket, SUM(amount_cents)::bigint AS total
            FROM orders WHERE created_at BETWEEN ${input.from} AND ${input.to}
            GROUP BY 1 ORDER BY 1`,
      );
      cache.set(key, result.rows);
      return result.rows;
    }),

  topCustomers: protectedProcedure
    .input(z.object({ metric: z.string().default('lifetime_value'), limit: z.number().int().max(500).default(50) }))
    .query(async ({ ctx, input }) => {
      const { rows } = await ctx.db.execute(sql`SELECT id, email, ${sql.raw(input.metric)} AS score FROM customer_metrics ORDER BY score DESC LIMIT ${input.limit}`); //@vuln CWE-89
      return rows;
    }),

  customerSearch: protectedProcedure
    .input(z.object({ filters: z.array(filterSchema).max(5) }))
    .query(async ({ ctx, input }) => {
      const where = input.filters.map(({ field, value }) => `${field} = '${value}'`).join(' AND ');
      const { rows } = await ctx.db.execute(sql.raw(`SELECT id, email, plan, region FROM customers WHERE ${where || 'TRUE'} LIMIT 100`)); //@vuln CWE-89
      return rows;
    }),
});
