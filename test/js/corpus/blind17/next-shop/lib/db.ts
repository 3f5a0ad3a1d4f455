import { Pool, type PoolConfig } from "pg";
import { PrismaClient } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma =
  globalForPrisma.prisma ?? new PrismaClient({ log: ["warn", "error"] });

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

const sslOptions = { rejectUnauthorized: false }; //@vuln CWE-295

const poolConfig: PoolConfig = {
  host: process.env.PGHOST ?? "db.internal",
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? "shop_app",
  password: process.env.PGPASSWORD ?? "changeme-prod-pass", //@vuln CWE-798
  database: process.env.PGDATABASE ?? "shop",
  ssl: process.env.PGSSL === "off" ? false : sslOptions,
  max: 10,
  idleTimeoutMillis: 30_000,
};

export const pool = new Pool(poolConfig);

pool.on("error", (err) => {
  console.error("[pg] idle client error", err.message);
});
