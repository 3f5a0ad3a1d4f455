import { Kysely, PostgresDialect, type Generated } from 'kysely';
import pg from 'pg';
import mysql from 'mysql2/promise';
import mongoose from 'mongoose';
import { Sequelize } from 'sequelize';
import { config } from './config.js';

export interface ProjectTable {
  id: Generated<string>;
  org_id: string;
  slug: string;
  name: string;
  repo_full_name: string;
  default_branch: string;
  installation_id: number;
  settings: Record<string, any>;
  created_at: Generated<Date>;
}

export interface BuildTable {
  id: Generated<string>;
  project_id: string;
  number: number;
  branch: string;
  commit_sha: string;
  commit_message: string;
  status: 'queued' | 'running' | 'passed' | 'failed' | 'cancelled';
  triggered_by: string;
  duration_ms: number | null;
  created_at: Generated<Date>;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  label: string;
  created_at: Generated<Date>;
}

export interface Database {
  projects: ProjectTable;
  builds: BuildTable;
  api_tokens: ApiTokenTable;
}

export const pool = new pg.Pool({
  connectionString: config.postgres.connectionString,
  ssl: config.postgres.ssl,
  max: 20,
});

export const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
});

export const billingPool = mysql.createPool({
  ...config.billing,
  connectionLimit: 5,
  waitForConnections: true,
});

export const legacy = new Sequelize(config.postgres.connectionString, {
  dialect: 'postgres',
  logging: false,
});

const buildLogSchema = new mongoose.Schema(
  {
    buildId: { type: String, index: true },
    projectId: { type: String, index: true },
    step: String,
    level: { type: String, enum: ['debug', 'info', 'warn', 'error'] },
    message: String,
    ts: Date,
  },
  { collection: 'build_logs' },
);

const artifactSchema = new mongoose.Schema(
  {
    buildId: String,
    projectId: String,
    name: String,
    size: Number,
    sha256: String,
    downloadToken: String,
    expiresAt: Date,
  },
  { collection: 'artifacts' },
);

export const BuildLog = mongoose.model('BuildLog', buildLogSchema);
export const Artifact = mongoose.model('Artifact', artifactSchema);

export async function connectStores(): Promise<void> {
  await mongoose.connect(config.mongoUrl);
  await pool.query('SELECT 1');
}
