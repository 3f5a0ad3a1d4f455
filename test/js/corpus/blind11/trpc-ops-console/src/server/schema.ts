import { pgTable, serial, text, integer, timestamp, jsonb, boolean } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  legacy: boolean('legacy').default(false).notNull(),
  role: text('role').notNull().default('viewer'),
  createdAt: timestamp('created_at').defaultNow().notNull(),
});

export const customers = pgTable('customers', {
  id: serial('id').primaryKey(),
  email: text('email').notNull(),
  plan: text('plan').notNull(),
  region: text('region').notNull(),
});

export const orgSettings = pgTable('org_settings', {
  orgId: integer('org_id').primaryKey(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
});
