import fs from 'node:fs';
import Knex from 'knex';
import { Model, knexSnakeCaseMappers } from 'objection';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import mongoose, { Schema } from 'mongoose';
import { Queue } from 'bullmq';
import { config } from './config';

export const knex = Knex({
  client: 'pg',
  connection: {
    host: config.db.host,
    port: config.db.port,
    user: config.db.user,
    password: config.db.password,
    database: config.db.database,
    ssl: { ca: fs.readFileSync(config.db.caFile, 'utf8'), rejectUnauthorized: true },  //@safe
  },
  pool: { min: 2, max: 10 },
  ...knexSnakeCaseMappers(),
});

Model.knex(knex);

// Read replica used for dashboards and aging reports.
export const reportingPool = new Pool({
  connectionString: config.reportingUrl,
  max: 5,
  ssl: { rejectUnauthorized: false },  //@vuln CWE-295
});

export const legacyDb = mysql.createPool({
  ...config.legacy,
  connectionLimit: 4,
});

export const documentsQueue = new Queue('documents', { connection: config.redis });

export async function connectMongo(): Promise<void> {
  mongoose.set('strictQuery', true);
  await mongoose.connect(config.mongoUrl, { maxPoolSize: 10 });
}

/* ---------- Objection models ---------- */

export class Customer extends Model {
  static tableName = 'customers';
  id!: number;
  tenantId!: string;
  name!: string;
  email!: string;
  vatNumber?: string;
  preferences?: Record<string, unknown>;
}

export class InvoiceLine extends Model {
  static tableName = 'invoice_lines';
  id!: number;
  invoiceId!: number;
  position!: number;
  description!: string;
  quantity!: number;
  unitPrice!: number;
  amount!: number;
}

export class Invoice extends Model {
  static tableName = 'invoices';
  id!: number;
  tenantId!: string;
  number!: string;
  reference?: string;
  customerId!: number;
  status!: 'draft' | 'sent' | 'overdue' | 'paid' | 'void';
  currency!: string;
  total!: number;
  issuedAt!: string;
  dueDate!: string;
  notes?: string;
  customer?: Customer;
  lines?: InvoiceLine[];

  static relationMappings = () => ({
    customer: {
      relation: Model.BelongsToOneRelation,
      modelClass: Customer,
      join: { from: 'invoices.customer_id', to: 'customers.id' },
    },
    lines: {
      relation: Model.HasManyRelation,
      modelClass: InvoiceLine,
      join: { from: 'invoices.id', to: 'invoice_lines.invoice_id' },
    },
  });
}

/* ---------- Mongo collections ---------- */

const activitySchema = new Schema(
  {
    tenantId: { type: String, index: true },
    invoiceId: Number,
    actor: String,
    kind: String,
    message: String,
    at: { type: Date, default: Date.now },
  },
  { collection: 'invoice_activity' },
);

const contactSchema = new Schema(
  {
    tenantId: { type: String, index: true },
    customerId: Number,
    name: String,
    email: String,
    phone: String,
    role: String,
    tags: [String],
  },
  { collection: 'contacts', timestamps: true },
);

export const Activity = mongoose.model('Activity', activitySchema);
export const Contact = mongoose.model('Contact', contactSchema);
