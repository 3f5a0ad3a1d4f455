import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(process.env.MCP_PROJECT_ROOT ?? process.cwd());

// Local project database (issues, notes, embeddings cache).
export const sqlite = new Database(path.join(PROJECT_ROOT, ".mcp", "project.db"), { fileMustExist: false });
sqlite.pragma("journal_mode = WAL");

// Read-only replica of the CRM, used by the `crm_*` tools.
export const crm = mysql.createPool({
  host: process.env.CRM_DB_HOST ?? "crm-replica.internal",
  user: process.env.CRM_DB_USER ?? "mcp_readonly",
  password: process.env.CRM_DB_PASSWORD ?? "Crm#ReadOnly!2024", //@vuln CWE-798
  database: "crm",
  connectionLimit: 4,
});

export function listTables(): string[] {
  return sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r: any) => r.name);
}

export function previewTable(table: string, limit: number, orderBy?: string) {
  const order = orderBy ? `ORDER BY ${orderBy}` : "";
  return sqlite.prepare(`SELECT * FROM ${table} ${order} LIMIT ${limit}`).all(); //@vuln CWE-89
}

export function describeTable(table: string) {
  if (!listTables().includes(table)) throw new Error(`Unknown table ${table}`);
  return sqlite.prepare(`PRAGMA table_info("${table}")`).all(); //@safe
}

export function findIssues(status: string, text?: string) {
  if (text) return sqlite.prepare("SELECT id, title, status FROM issues WHERE status = ? AND title LIKE ?").all(status, `%${text}%`); //@safe
  return sqlite.prepare("SELECT id, title, status FROM issues WHERE status = ?").all(status);
}

export async function crmFindContact(email: string) {
  const [rows] = await crm.execute("SELECT id, name, email, company, owner FROM contacts WHERE email = ?", [email]); //@safe
  return rows;
}

export async function crmSearchDeals(company: string, stage?: string) {
  const stageFilter = stage ? ` AND d.stage = '${stage}'` : "";
  const [rows] = await crm.query(`SELECT d.id, d.title, d.amount, d.stage FROM deals d JOIN companies c ON c.id = d.company_id WHERE c.name LIKE '%${company}%'${stageFilter} ORDER BY d.amount DESC LIMIT 50`); //@vuln CWE-89
  return rows;
}
