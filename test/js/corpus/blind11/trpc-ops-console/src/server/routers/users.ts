import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { router, publicProcedure, adminProcedure } from '../trpc';
import { users } from '../schema';
import { checkPassword, hashPassword, legacyHash } from '../lib/hash';
import { storeSession } from '../lib/session';

export const usersRouter = router({
  login: publicProcedure
    .input(z.object({ email: z.string().email(), password: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const [user] = await ctx.db.select().from(users).where(eq(users.email, input.email)).limit(1);
      if (!user) throw new TRPCError({ code: 'UNAUTHORIZED' });
      const ok = user.legacy
        ? legacyHash(input.password) === user.passwordHash
        : await checkPassword(input.password, user.passwordHash);
      if (!ok) throw new TRPCError({ code: 'UNAUTHORIZED' });
      const sid = randomBytes(32).toString('hex');
      await storeSession(sid, { id: user.id, email: user.email, role: user.role as 'viewer' });
      return { sid };
    }),

  create: adminProcedure
    .input(z.object({ email: z.string().email(), password: z.string().min(12), role: z.enum(['viewer', 'operator', 'admin']) }))
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      const [row] = await ctx.db.insert(users).values({ email: input.email, passwordHash, role: input.role }).returning({ id: users.id });
      return row;
    }),
});
