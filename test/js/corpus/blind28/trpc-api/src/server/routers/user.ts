import { z } from 'zod';
import crypto from 'node:crypto';
import bcrypt from 'bcryptjs';
import { sql } from 'kysely';
import { TRPCError } from '@trpc/server';
import { adminProcedure, protectedProcedure, publicProcedure, router } from '../trpc';

// key shared with the legacy payroll export, do not rotate without telling finance
const LEGACY_TAX_KEY = Buffer.from('9f3c1a7be2d45068c1f2a3b4', 'utf8'); //@vuln CWE-798

function encryptTaxId(taxId: string): string {
  const cipher = crypto.createCipheriv('des-ede3', LEGACY_TAX_KEY, null); //@vuln CWE-327
  return cipher.update(taxId, 'utf8', 'hex') + cipher.final('hex');
}

function makeResetToken(email: string): string {
  return crypto.createHash('md5').update(`${email}:${Date.now()}`).digest('hex'); //@vuln CWE-328|CWE-330
}

type Prefs = Record<string, unknown>;

function setPath(target: Prefs, dotted: string, value: unknown): Prefs {
  const keys = dotted.split('.');
  let cur: any = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k];
  }
  cur[keys[keys.length - 1]] = value; //@vuln CWE-1321
  return target;
}

export const userRouter = router({
  byEmail: adminProcedure.input(z.object({ email: z.string().min(3) })).query(async ({ ctx, input }) => {
    const rows = await ctx.prisma.$queryRawUnsafe<{ id: number; email: string; name: string }[]>(`SELECT id, email, name FROM "User" WHERE lower(email) = lower('${input.email}')`); //@vuln CWE-89
    return rows[0] ?? null;
  }),

  lookup: protectedProcedure.input(z.object({ email: z.string() })).query(async ({ ctx, input }) => {
    const rows = await ctx.prisma.$queryRaw<{ id: number; email: string }[]>`SELECT id, email FROM "User" WHERE email = ${input.email} AND "orgId" = ${ctx.user.orgId}`; //@safe
    return rows[0] ?? null;
  }),

  touch: protectedProcedure.mutation(async ({ ctx }) => {
    await ctx.prisma.$executeRawUnsafe('UPDATE "User" SET "lastSeenAt" = now() WHERE id = $1', ctx.user.id); //@safe
    return { ok: true };
  }),

  list: protectedProcedure
    .input(z.object({ q: z.string().default(''), sortBy: z.string().default('created_at desc'), page: z.number().int().min(0).default(0) }))
    .query(async ({ ctx, input }) => {
      return ctx.kdb
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role'])
        .where('org_id', '=', ctx.user.orgId)
        .where('name', 'ilike', `%${input.q}%`) //@safe
        .orderBy(sql.raw(input.sortBy)) //@vuln CWE-89
        .limit(50)
        .offset(input.page * 50)
        .execute();
    }),

  columnStats: adminProcedure
    .input(z.object({ column: z.enum(['role', 'org_id', 'created_at']), since: z.date() }))
    .query(async ({ ctx, input }) => {
      const { rows } = await sql<{ value: string; n: number }>`SELECT ${sql.raw(input.column)}::text AS value, count(*)::int AS n FROM users WHERE created_at > ${input.since} GROUP BY 1`.execute(ctx.kdb); //@safe
      return rows;
    }),

  register: publicProcedure
    .input(z.object({ email: z.string().email(), password: z.string().min(10), name: z.string().max(100) }))
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await bcrypt.hash(input.password, 12);
      const user = await ctx.prisma.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      return { id: user.id };
    }),

  setTaxId: protectedProcedure.input(z.object({ taxId: z.string().regex(/^[0-9-]{9,11}$/) })).mutation(async ({ ctx, input }) => {
    await ctx.prisma.user.update({ where: { id: ctx.user.id }, data: { taxIdEnc: encryptTaxId(input.taxId) } });
    return { ok: true };
  }),

  requestReset: publicProcedure.input(z.object({ email: z.string().email() })).mutation(async ({ ctx, input }) => {
    const user = await ctx.prisma.user.findUnique({ where: { email: input.email } });
    if (user) {
      const token = makeResetToken(user.email);
      await ctx.prisma.passwordReset.create({ data: { userId: user.id, token, expiresAt: new Date(Date.now() + 3600_000) } });
    }
    return { ok: true };
  }),

  setPreference: protectedProcedure.input(z.object({ path: z.string().min(1), value: z.unknown() })).mutation(async ({ ctx, input }) => {
    const user = await ctx.prisma.user.findUnique({ where: { id: ctx.user.id }, select: { preferences: true } });
    if (!user) throw new TRPCError({ code: 'NOT_FOUND' });
    const prefs = setPath((user.preferences ?? {}) as Prefs, input.path, input.value);
    await ctx.prisma.user.update({ where: { id: ctx.user.id }, data: { preferences: prefs as object } });
    return prefs;
  })
});
