import { initTRPC } from '@trpc/server';
import { z } from 'zod';
import { PrismaClient } from '@prisma/client';
import { execSync } from 'child_process';
import * as fs from 'fs';
import { VM } from 'vm2';

const t = initTRPC.create();
const prisma = new PrismaClient();

export const appRouter = t.router({
  userByName: t.procedure.input(z.object({ name: z.string() })).query(async ({ input }) => {
    return prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE name = '${input.name}'`); //@vuln CWE-89
  }),
  userByNameSafe: t.procedure.input(z.object({ name: z.string() })).query(async ({ input }) => {
    return prisma.$queryRaw`SELECT * FROM "User" WHERE name = ${input.name}`; //@safe
  }),
  userById: t.procedure.input(z.number()).query(({ input }) => prisma.user.findUnique({ where: { id: input } })), //@safe
  runReport: t.procedure.input(z.object({ script: z.string() })).mutation(({ input }) => {
    return execSync('node reports/' + input.script).toString(); //@vuln CWE-78
  }),
  readLog: t.procedure.input(z.string()).query(({ input }) => {
    return fs.readFileSync(`/var/log/app/${input}`, 'utf8'); //@vuln CWE-22
  }),
  evaluate: t.procedure.input(z.object({ code: z.string() })).mutation(({ input }) => {
    const vm = new VM({ timeout: 1000 });
    return vm.run(input.code); //@vuln CWE-94|CWE-95
  }),
});

export type AppRouter = typeof appRouter;
