import { PrismaClient } from '@prisma/client';
import { Kysely, PostgresDialect, type Generated } from 'kysely';
import { Pool } from 'pg';

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string | null;
  role: 'member' | 'billing' | 'admin';
  org_id: number;
  created_at: Generated<Date>;
}

export interface InvoiceTable {
  id: Generated<number>;
  org_id: number;
  number: string;
  status: 'draft' | 'open' | 'paid' | 'void';
  total_cents: number;
  customer_name: string;
  issued_at: Date | null;
}

export interface DB {
  users: UserTable;
  invoices: InvoiceTable;
}

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; kdb?: Kysely<DB> };

export const prisma =
  globalForDb.prisma ??
  new PrismaClient({
    log: process.env.NODE_ENV === 'development' ? ['query', 'error', 'warn'] : ['error']
  });

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://billing_app:B1ll1ng_pw_2024@pg-primary.internal:5432/billing'; //@vuln CWE-798

export const kdb =
  globalForDb.kdb ??
  new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: new Pool({ connectionString: DATABASE_URL, max: 8 })
    })
  });

if (process.env.NODE_ENV !== 'production') {
  globalForDb.prisma = prisma;
  globalForDb.kdb = kdb;
}
