import { db, sql } from "../db.ts";

export async function getNote(ownerId: string, id: string) {
  const rows = await db.execute(sql`SELECT id, title, body, updated_at FROM notes WHERE id = ${id} AND owner_id = ${ownerId}`); //@safe
  return rows[0] as { id: string; title: string; body: string } | undefined;
}

export async function searchNotes(ownerId: string, term: string, sort: string) {
  const query = `SELECT id, title, updated_at FROM notes WHERE owner_id = '${ownerId}' AND title ILIKE '%${term}%' ORDER BY ${sort}`;
  return await db.execute(sql.raw(query)); //@vuln CWE-89
}
