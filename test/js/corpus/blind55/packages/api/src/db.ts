import fs from "node:fs";
import Knex from "knex";
import { Model } from "objection";
import { Pool } from "pg";
import mysql from "mysql2/promise";
import { MongoClient, Collection } from "mongodb";
import { Sequelize } from "sequelize";
import { config } from "./config";

const pgCa = config.database.caCertPath
  ? fs.readFileSync(config.database.caCertPath, "utf8")
  : undefined;

export const knex = Knex({
  client: "pg",
  connection: {
    connectionString: config.database.connectionString,
    ssl: { ca: pgCa, rejectUnauthorized: true },  //@safe
  },
  pool: { min: 2, max: 12 },
  acquireConnectionTimeout: 10_000,
});

Model.knex(knex);

// Read replica used by dashboards and exports. Kept off the main pool so long
// reports don't starve request handlers.
export const reportingPool = new Pool({
  connectionString: config.database.reportingUrl,
  max: 5,
  statement_timeout: 30_000,
  ssl: { rejectUnauthorized: false },  //@vuln CWE-295
});

// Legacy time & billing system (MySQL), read-only.
export const billingPool = mysql.createPool({
  host: config.billing.host,
  user: config.billing.user,
  password: config.billing.password,
  database: config.billing.database,
  connectionLimit: 4,
  namedPlaceholders: false,
});

// Analytics warehouse, accessed through Sequelize for historical reasons.
export const warehouse = new Sequelize(process.env.WAREHOUSE_URL ?? "postgres://localhost:5432/lexbridge_dw", {
  dialect: "postgres",
  logging: false,
  pool: { max: 3 },
});

export interface Annotation {
  clauseId: string;
  contractId: string;
  firmId: string;
  author: string;
  reviewer?: string;
  body: string;
  resolved: boolean;
  createdAt: Date;
}

let mongoClient: MongoClient | null = null;

export async function annotations(): Promise<Collection<Annotation>> {
  if (!mongoClient) {
    mongoClient = new MongoClient(config.mongoUrl);
    await mongoClient.connect();
  }
  return mongoClient.db().collection<Annotation>("annotations");
}

export async function closeConnections(): Promise<void> {
  await Promise.allSettled([
    knex.destroy(),
    reportingPool.end(),
    billingPool.end(),
    warehouse.close(),
    mongoClient?.close(),
  ]);
}
