import type { NextRequest } from 'next/server';
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? (globalForPrisma.prisma = new PrismaClient());

export async function getSession(req: NextRequest) {
  const sid = req.cookies.get('sid')?.value;
  const session = sid ? await prisma.session.findUnique({ where: { id: sid } }) : null;
  return session && session.expiresAt > new Date() ? { userId: session.userId } : null;
}
