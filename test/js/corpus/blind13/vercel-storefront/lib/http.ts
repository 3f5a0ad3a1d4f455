import type { VercelRequest, VercelResponse } from "@vercel/node";
import { PrismaClient } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

const TRUSTED_ORIGINS = ["https://shop.example.com", "https://admin.example.com"];

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function applyAdminCors(req: VercelRequest, res: VercelResponse): boolean {
  const origin = req.headers.origin;
  if (origin && TRUSTED_ORIGINS.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin); //@safe
    res.setHeader("Access-Control-Allow-Credentials", "true");
  }
  return req.method === "OPTIONS" ? (res.status(204).end(), true) : false;
}

export function applyPublicCors(req: VercelRequest, res: VercelResponse): boolean {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*"); //@vuln CWE-942
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Vary", "Origin");
  return req.method === "OPTIONS" ? (res.status(204).end(), true) : false;
}
