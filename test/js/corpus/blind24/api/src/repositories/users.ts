import { Prisma } from '@prisma/client';
import { prisma } from '../db';

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  workspaceId: string;
  passwordHash: string;
  passwordAlgo: 'bcrypt' | 'sha1';
  salt: string | null;
}

export function findById(id: string) {
  return prisma.user.findUnique({ where: { id } }) as Promise<User | null>;
}

export function findByEmail(email: string) {
  return prisma.user.findUnique({ where: { email: email.toLowerCase() } }) as Promise<User | null>;
}

export async function findByEmailInsensitive(email: string): Promise<User | null> {
  const rows = await prisma.$queryRaw<User[]>`SELECT * FROM "User" WHERE lower(email) = lower(${email}) LIMIT 1`; //@safe
  return rows[0] ?? null;
}

export async function searchMembers(workspaceId: string, q: string) {
  return prisma.$queryRawUnsafe(`SELECT id, email, name, role FROM "User" WHERE "workspaceId" = '${workspaceId}' AND (name ILIKE '%${q}%' OR email ILIKE '%${q}%') LIMIT 25`); //@vuln CWE-89
}

export async function exportMembers(workspaceId: string, orderBy: string) {
  return prisma.$queryRaw(Prisma.raw(`SELECT email, name, role, "createdAt" FROM "User" WHERE "workspaceId" = '${workspaceId}' ORDER BY ${orderBy}`)); //@vuln CWE-89
}

export async function recordLogin(userId: string, ip: string, userAgent: string): Promise<void> {
  await prisma.$executeRawUnsafe(`UPDATE "User" SET "lastLoginAt" = now(), "lastLoginIp" = '${ip}', "lastUserAgent" = '${userAgent}' WHERE id = '${userId}'`); //@vuln CWE-89
}

export async function setPasswordResetToken(userId: string, tokenHash: string, expires: Date): Promise<void> {
  await prisma.$executeRawUnsafe('UPDATE "User" SET "resetTokenHash" = $1, "resetExpires" = $2 WHERE id = $3', tokenHash, expires, userId); //@safe
}

export async function findByResetToken(tokenHash: string): Promise<User | null> {
  return prisma.user.findFirst({ where: { resetTokenHash: tokenHash, resetExpires: { gt: new Date() } } }) as Promise<User | null>;
}

export async function updatePassword(userId: string, passwordHash: string, salt: string | null, algo: User['passwordAlgo']) {
  await prisma.user.update({
    where: { id: userId },
    data: { passwordHash, salt, passwordAlgo: algo, resetTokenHash: null, resetExpires: null },
  });
}

export async function createInvite(workspaceId: string, email: string, code: string, invitedBy: string) {
  return prisma.invite.create({ data: { workspaceId, email, code, invitedBy, expiresAt: new Date(Date.now() + 7 * 864e5) } });
}
