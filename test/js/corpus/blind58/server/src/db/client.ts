import { Pool } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import mysql from 'mysql2/promise';
import knex from 'knex';
import mongoose, { Schema } from 'mongoose';
import { config } from '../config';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash'),
  legacyDigest: text('legacy_digest'),
  teamId: uuid('team_id').notNull(),
  role: text('role').notNull().default('editor'),
});

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<Record<string, any>>().default({}),
});

export const posts = pgTable('posts', {
  id: uuid('id').primaryKey().defaultRandom(),
  teamId: uuid('team_id').notNull(),
  authorId: uuid('author_id').notNull(),
  network: text('network').notNull(),
  caption: text('caption').notNull(),
  status: text('status').notNull().default('draft'),
  mediaKeys: jsonb('media_keys').$type<string[]>().default([]),
  scheduledAt: timestamp('scheduled_at'),
  publishedAt: timestamp('published_at'),
  attempts: integer('attempts').default(0),
  lastError: text('last_error'),
});

export const pgPool = new Pool({
  connectionString: config.databaseUrl,
  max: 20,
  ssl: { rejectUnauthorized: false },  //@vuln CWE-295
});

export const db = drizzle(pgPool, { schema: { users, teams, posts } });

// Engagement numbers are still aggregated in the old MySQL warehouse
export const analyticsPool = mysql.createPool({
  ...config.analyticsDb,
  connectionLimit: 5,
  ssl: { ca: config.databaseCa, rejectUnauthorized: true },
});

export const reporting = knex({
  client: 'pg',
  connection: { connectionString: config.databaseUrl, ssl: { ca: config.databaseCa } },
  pool: { min: 0, max: 4 },
});

const activitySchema = new Schema({
  teamId: { type: String, index: true },
  actor: String,
  action: String,
  network: String,
  meta: Schema.Types.Mixed,
  createdAt: { type: Date, default: Date.now },
});

const linkPreviewSchema = new Schema({
  url: { type: String, unique: true },
  title: String,
  description: String,
  image: String,
  siteName: String,
  fetchedAt: { type: Date, default: Date.now },
});

export const ActivityLog = mongoose.model('ActivityLog', activitySchema);
export const LinkPreview = mongoose.model('LinkPreview', linkPreviewSchema);

export async function connectDatabases(): Promise<void> {
  await mongoose.connect(config.mongoUrl, { serverSelectionTimeoutMS: 5000 });
  await pgPool.query('SELECT 1');
}

export async function closeDatabases(): Promise<void> {
  await Promise.allSettled([mongoose.disconnect(), pgPool.end(), analyticsPool.end(), reporting.destroy()]);
}
