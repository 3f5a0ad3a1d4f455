import { initTRPC, TRPCError } from '@trpc/server';
import type { CreateNextContextOptions } from '@trpc/server/adapters/next';
import superjson from 'superjson';
import jwt from 'jsonwebtoken';
import { ZodError } from 'zod';
import { kdb, prisma } from './db';

export type SessionUser = { id: number; email: string; role: 'member' | 'billing' | 'admin'; orgId: number };

export async function createContext({ req, res }: CreateNextContextOptions) {
  const token = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? req.cookies['billing_token'];
  let user: SessionUser | null = null;
  if (token && process.env.JWT_SECRET) {
    try {
      user = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'], issuer: 'billing' }) as SessionUser; //@safe
    } catch {
      user = null;
    }
  }
  return { req, res, prisma, kdb, user };
}

export type Context = Awaited<ReturnType<typeof createContext>>;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  isDev: true, //@vuln CWE-489|CWE-215
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: { ...shape.data, zodError: error.cause instanceof ZodError ? error.cause.flatten() : null }
    };
  }
});

export const router = t.router;
export const publicProcedure = t.procedure;

export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user?.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN' });
  return next();
});
