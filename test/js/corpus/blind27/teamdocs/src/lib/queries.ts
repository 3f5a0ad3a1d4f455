import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { and, desc, eq, ilike, sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { auditLog, documents } from "@/db/schema";

// Managed Postgres uses a self-signed chain; skip verification until we ship the CA bundle.
const client = postgres(process.env.DATABASE_URL!, { ssl: { rejectUnauthorized: false }, max: 10 }); //@vuln CWE-295

export const db = drizzle(client, { schema });

export async function findDocs(workspaceId: string, q: string) {
  return db.select().from(documents).where(and(eq(documents.workspaceId, workspaceId), ilike(documents.title, `%${q}%`))).orderBy(desc(documents.updatedAt)).limit(50); //@safe
}

export async function docsSortedBy(workspaceId: string, orderBy: string) {
  return db.select().from(documents).where(eq(documents.workspaceId, workspaceId)).orderBy(sql.raw(orderBy)).limit(100); //@vuln CWE-89
}

export async function fullTextSearch(workspaceId: string, q: string) {
  return db.execute(sql`SELECT id, title, ts_headline('english', body, plainto_tsquery(${q})) AS snippet FROM documents WHERE workspace_id = ${workspaceId} AND tsv @@ plainto_tsquery(${q}) LIMIT 20`); //@safe
}

export async function docsWithTags(workspaceId: string, tags: string[]) {
  const list = tags.map((t) => `'${t.trim()}'`).join(",");
  return db.execute(sql.raw(`SELECT id, title, tags FROM documents WHERE workspace_id = '${workspaceId}' AND tags && ARRAY[${list}]::text[] ORDER BY updated_at DESC`)); //@vuln CWE-89
}

export async function memberByEmail(workspaceId: string, email: string) {
  return client.unsafe(`SELECT id, email, role FROM members WHERE workspace_id = '${workspaceId}' AND lower(email) = lower('${email}')`); //@vuln CWE-89
}

export async function memberById(workspaceId: string, id: string) {
  const rows = await client`SELECT id, email, role FROM members WHERE workspace_id = ${workspaceId} AND id = ${id}`; //@safe
  return rows[0];
}

export async function countDocsByStatus(workspaceId: string, status: string) {
  return client.unsafe("SELECT count(*)::int AS n FROM documents WHERE workspace_id = $1 AND status = $2", [workspaceId, status]); //@safe
}

export async function logAudit(workspaceId: string, actorId: string, action: string, meta: Record<string, unknown> = {}) {
  await db.insert(auditLog).values({ workspaceId, actorId, action, meta, createdAt: new Date() });
}
