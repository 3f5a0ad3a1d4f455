import "server-only";
import { cookies } from "next/headers";
import { PrismaClient } from "@prisma/client";
import { Sequelize } from "sequelize";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; loyaltyDb?: Sequelize };

export const prisma = globalForDb.prisma ?? new PrismaClient();

// Loyalty programme still lives in the vendor's MySQL database
export const loyaltyDb =
  globalForDb.loyaltyDb ??
  new Sequelize(process.env.LOYALTY_DATABASE_URL!, {
    dialect: "mysql",
    logging: false,
    pool: { max: 5 },
    dialectOptions: { ssl: { rejectUnauthorized: false } },  //@vuln CWE-295
  });

if (process.env.NODE_ENV !== "production") {
  globalForDb.prisma = prisma;
  globalForDb.loyaltyDb = loyaltyDb;
}

export const API_BASE = process.env.HARBORLINE_API_URL ?? "http://localhost:8787";

export const MEDIA_HOSTS = new Set([
  "images.harborline.com",
  "harborline-media.s3.eu-west-1.amazonaws.com",
  "res.cloudinary.com",
]);

export interface CurrentGuest {
  _id: string;
  email: string;
  firstName: string;
  lastName: string;
  loyalty?: { number: string; tier: string; points: number };
}

export async function currentGuest(): Promise<CurrentGuest | null> {
  const store = await cookies();
  const token = store.get("hl_guest")?.value;
  if (!token) return null;
  const res = await fetch(`${API_BASE}/v1/guests/me`, {
    headers: { "x-guest-token": token },
    cache: "no-store",
  });
  return res.ok ? ((await res.json()) as CurrentGuest) : null;
}

export function isLocalPath(value: string): boolean {
  return value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\");
}
