import fs from 'node:fs';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, uuid, text, jsonb, timestamp, boolean, bigserial, primaryKey } from 'drizzle-orm/pg-core';
import { config } from '../config';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  legacyHash: boolean('legacy_hash').notNull().default(false),
  displayName: text('display_name'),
  role: text('role').notNull().default('member'),
  resetToken: text('reset_token'),
  resetExpires: timestamp('reset_expires'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

export const homes = pgTable('homes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

export const homeMembers = pgTable(
  'home_members',
  {
    homeId: uuid('home_id').notNull().references(() => homes.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull().default('resident'),
  },
  (t) => ({ pk: primaryKey({ columns: [t.homeId, t.userId] }) }),
);

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at').notNull(),
});

export const devices = pgTable('devices', {
  id: uuid('id').primaryKey().defaultRandom(),
  homeId: uuid('home_id').notNull().references(() => homes.id),
  name: text('name').notNull(),
  type: text('type').notNull(),
  room: text('room'),
  model: text('model'),
  firmwareVersion: text('firmware_version'),
  settings: jsonb('settings').$type<Record<string, unknown>>().default({}),
  lastSeen: timestamp('last_seen'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

export const deviceEvents = pgTable('device_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  deviceId: uuid('device_id').notNull().references(() => devices.id),
  payload: jsonb('payload').notNull(),
  recordedAt: timestamp('recorded_at').defaultNow().notNull(),
});

export const firmwareReleases = pgTable('firmware_releases', {
  id: uuid('id').primaryKey().defaultRandom(),
  model: text('model').notNull(),
  version: text('version').notNull(),
  fileName: text('file_name').notNull(),
  checksum: text('checksum').notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

const primaryPool = new pg.Pool({
  connectionString: config.database.url,
  max: 20,
  ssl: {
    ca: fs.readFileSync(config.database.caCertPath, 'utf8'),
    rejectUnauthorized: true,  //@safe
  },
});

export const replicaPool = new pg.Pool({
  connectionString: config.database.replicaUrl,
  max: 10,
  ssl: { rejectUnauthorized: false },  //@vuln CWE-295
});

export const pool = primaryPool;

export const db = drizzle(primaryPool, {
  schema: { users, homes, homeMembers, sessions, devices, deviceEvents, firmwareReleases },
});

export type Database = typeof db;
