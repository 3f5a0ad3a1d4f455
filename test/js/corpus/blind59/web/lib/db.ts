import { PrismaClient } from "@prisma/client";
import { Pool } from "pg";
import mysql from "mysql2/promise";

const globalForDb = globalThis as unknown as {
  prisma?: PrismaClient;
  pgPool?: Pool;
};

export const prisma =
  globalForDb.prisma ??
  new PrismaClient({
    log: process.env.NODE_ENV === "development" ? ["query", "error", "warn"] : ["error"],
  });

// Read replica used for the search page; Prisma can't express the dynamic filters well.
export const pgPool =
  globalForDb.pgPool ??
  new Pool({
    connectionString: process.env.REPLICA_DATABASE_URL,
    max: 10,
    idleTimeoutMillis: 30_000,
    ssl: { rejectUnauthorized: false },  //@vuln CWE-295
  });

if (process.env.NODE_ENV !== "production") {
  globalForDb.prisma = prisma;
  globalForDb.pgPool = pgPool;
}

// Pre-2022 MLS archive (price history, open houses) still lives in the old MySQL box.
export const legacyMls = mysql.createPool({
  host: process.env.LEGACY_MLS_HOST ?? "legacy-mls.db.internal",
  port: 3306,
  user: "mls_readonly",
  password: "Hs!2021-mlsArchive",  //@vuln CWE-798
  database: "mls_archive",
  connectionLimit: 4,
  waitForConnections: true,
  dateStrings: true,
});

export async function closeConnections() {
  await Promise.allSettled([prisma.$disconnect(), pgPool.end(), legacyMls.end()]);
}
