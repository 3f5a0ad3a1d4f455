import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { router, protectedProcedure, adminProcedure } from '../trpc';
import { orgSettings } from '../schema';

type Bag = Record<string, any>;

const featureFlags: Bag = { billing: { invoicesV2: false }, ui: { darkMode: true } };

function deepMerge(target: Bag, source: Bag): Bag {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

export const settingsRouter = router({
  get: protectedProcedure.input(z.object({ orgId: z.number().int() })).query(async ({ ctx, input }) => {
    const [row] = await ctx.db.select().from(orgSettings).where(eq(orgSettings.orgId, input.orgId));
    return row?.data ?? {};
  }),

  patch: adminProcedure
    .input(z.object({ orgId: z.number().int(), patch: z.any() }))
    .mutation(async ({ ctx, input }) => {
      const [row] = await ctx.db.select().from(orgSettings).where(eq(orgSettings.orgId, input.orgId));
      const merged = deepMerge(row?.data ?? {}, input.patch);
      await ctx.db
        .insert(orgSettings)
        .values({ orgId: input.orgId, data: merged })
        .onConflictDoUpdate({ target: orgSettings.orgId, set: { data: merged } });
      return merged;
    }),

  setFlag: adminProcedure
    .input(z.object({ scope: z.string(), key: z.string(), value: z.union([z.boolean(), z.string(), z.number()]) }))
    .mutation(({ input }) => {
      featureFlags[input.scope] ??= {};
      featureFlags[input.scope][input.key] = input.value; //@vuln CWE-1321
      return featureFlags;
    }),

  evaluateFormula: protectedProcedure
    .input(z.object({ expression: z.string().max(500), vars: z.record(z.number()) }))
    .query(({ input }) => {
      const names = Object.keys(input.vars);
      const fn = new Function(...names, `"use strict"; return (${input.expression});`); //@vuln CWE-95
      return { result: Number(fn(...Object.values(input.vars))) };
    }),
});
