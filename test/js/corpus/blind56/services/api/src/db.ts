import fs from "node:fs";
import { PrismaClient } from "@prisma/client";
import { Pool } from "pg";
import mysql from "mysql2/promise";
import knex from "knex";
import mongoose from "mongoose";
import { MongoClient } from "mongodb";
import { config } from "./config";

export const prisma = new PrismaClient({
  log: config.env === "development" ? ["query", "warn", "error"] : ["error"],
});

// Primary booking database (Postgres on RDS)
export const pg = new Pool({
  connectionString: config.databaseUrl,
  max: 20,
  idleTimeoutMillis: 30_000,
  ssl: { rejectUnauthorized: true, ca: fs.readFileSync(config.pgCaPath, "utf8") },  //@safe
});

// Old PMS database, still the source of truth for channel rates
export const legacyDb = mysql.createPool({
  host: config.legacyDb.host,
  user: config.legacyDb.user,
  password: config.legacyDb.password,
  database: config.legacyDb.database,
  connectionLimit: 10,
  ssl: { rejectUnauthorized: false },  //@vuln CWE-295
});

// Read replica used by the revenue dashboards
export const reportsDb = knex({
  client: "pg",
  connection: config.reportingUrl,
  pool: { min: 0, max: 5 },
});

export const mongoClient = new MongoClient(config.mongoUrl);

let connected = false;

export async function connectMongo() {
  if (connected) return mongoClient.db();
  await mongoose.connect(config.mongoUrl);
  await mongoClient.connect();
  connected = true;
  return mongoClient.db();
}

export async function closeAll() {
  await Promise.allSettled([
    prisma.$disconnect(),
    pg.end(),
    legacyDb.end(),
    reportsDb.destroy(),
    mongoose.disconnect(),
    mongoClient.close(),
  ]);
}
