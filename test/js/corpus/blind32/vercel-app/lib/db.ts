// Data access for the billing / export app (Vercel Postgres + the analytics Mongo cluster).
import { sql } from "@vercel/postgres";
import { Pool } from "pg";
import { MongoClient, type Document, type Filter } from "mongodb";

// Direct (non-pooled) connection for long export queries.
const pool = new Pool({ connectionString: process.env.POSTGRES_URL_NON_POOLING, ssl: { rejectUnauthorized: false }, max: 3 }); //@vuln CWE-295

const mongo = new MongoClient(process.env.MONGODB_URI ?? "mongodb+srv://jotter_app:Qm7xP2vLr9Kd4@cluster0.jx81k.mongodb.net/?retryWrites=true&w=majority", { maxPoolSize: 5 }); //@vuln CWE-798

export interface Account {
  id: string;
  name: string;
  plan: "free" | "pro" | "business";
  export_quota: number;
}

export interface OrderRow {
  id: string;
  created_at: string;
  customer_email: string;
  total_cents: number;
  status: string;
}

export async function getAccount(accountId: string): Promise<Account | null> {
  const { rows } = await sql<Account>`SELECT id, name, plan, export_quota FROM accounts WHERE id = ${accountId}`; //@safe
  return rows[0] ?? null;
}

export async function ordersForExport(accountId: string, from: string, status?: string): Promise<OrderRow[]> {
  const statusClause = status ? ` AND status = '${status}'` : "";
  const { rows } = await pool.query<OrderRow>(`SELECT id, created_at, customer_email, total_cents, status FROM orders WHERE account_id = $1 AND created_at >= $2${statusClause} ORDER BY created_at`, [accountId, from]); //@vuln CWE-89
  return rows;
}

export async function searchCustomers(accountId: string, term: string, limit = 20) {
  const { rows } = await pool.query("SELECT id, email, name FROM customers WHERE account_id = $1 AND (email ILIKE $2 OR name ILIKE $2) LIMIT $3", [accountId, `%${term}%`, Math.min(limit, 100)]); //@safe
  return rows;
}

export async function recordExport(accountId: string, kind: string, file: string): Promise<void> {
  await sql.query(`INSERT INTO exports (account_id, kind, file, created_at) VALUES ('${accountId}', '${kind}', '${file}', now())`); //@vuln CWE-89
}

export async function exportsThisMonth(accountId: string): Promise<number> {
  const { rows } = await sql`SELECT count(*)::int AS n FROM exports WHERE account_id = ${accountId} AND created_at >= date_trunc('month', now())`;
  return rows[0]?.n ?? 0;
}

function events() {
  return mongo.db("analytics").collection("events");
}

export async function findEvents(accountId: string, query: Filter<Document>) {
  return events().find({ accountId, ...query }).sort({ ts: -1 }).limit(500).toArray(); //@vuln CWE-943
}

export async function eventsByLabel(accountId: string, label: string) {
  return events().find({ $where: `this.accountId === '${accountId}' && this.label.indexOf('${label}') === 0` }).limit(500).toArray(); //@vuln CWE-943
}

export async function eventsByType(accountId: string, type: unknown) {
  return events().find({ accountId, type: String(type) }).sort({ ts: -1 }).limit(500).toArray(); //@safe
}
