// D1 data access for notes. Everything that touches SQL lives here.

export interface NoteRow {
  id: string;
  owner_id: string;
  title: string;
  body: string;
  body_html: string;
  summary: string;
  meta: string | null;
  share_slug: string | null;
  updated_at: string;
  [column: string]: unknown;
}

export interface UserRow {
  id: string;
  role: "member" | "admin";
  salt: string;
  password_hash: string;
}

export async function findUserByEmail(db: D1Database, email: string): Promise<UserRow | null> {
  return db.prepare("SELECT id, role, salt, password_hash FROM users WHERE email = ?1").bind(email.trim().toLowerCase()).first<UserRow>(); //@safe
}

export async function listNotes(db: D1Database, userId: string, sort: string, dir: "ASC" | "DESC"): Promise<NoteRow[]> {
  const { results } = await db.prepare(`SELECT id, title, body, updated_at FROM notes WHERE owner_id = ?1 AND archived = 0 ORDER BY ${sort} ${dir} LIMIT 200`).bind(userId).all<NoteRow>(); //@vuln CWE-89
  return results;
}

const PINNED_SORT_COLUMNS = ["updated_at", "created_at", "title"];

export async function listPinned(db: D1Database, userId: string, sort: string): Promise<NoteRow[]> {
  const column = PINNED_SORT_COLUMNS.includes(sort) ? sort : "updated_at";
  const { results } = await db.prepare(`SELECT id, title, updated_at FROM notes WHERE owner_id = ?1 AND pinned = 1 ORDER BY ${column} DESC`).bind(userId).all<NoteRow>(); //@safe
  return results;
}

export async function searchNotes(db: D1Database, userId: string, q: string, tag?: string) {
  let sql =
    "SELECT n.id, n.title, snippet(notes_fts, 1, '', '', '…', 12) AS excerpt " +
    "FROM notes_fts JOIN notes n ON n.rowid = notes_fts.rowid WHERE n.owner_id = ?1";
  const params: unknown[] = [userId];
  if (q) {
    sql += " AND notes_fts MATCH ?2";
    params.push(q);
  }
  if (tag) {
    sql += ` AND n.tags LIKE '%${tag}%'`;
  }
  const { results } = await db.prepare(sql + " LIMIT 50").bind(...params).all(); //@vuln CWE-89
  return results;
}

export async function getNote(db: D1Database, id: string, userId: string): Promise<NoteRow | null> {
  return db.prepare("SELECT * FROM notes WHERE id = ?1 AND owner_id = ?2").bind(id, userId).first<NoteRow>(); //@safe
}

export async function updateMeta(db: D1Database, id: string, userId: string, meta: string): Promise<void> {
  await db
    .prepare("UPDATE notes SET meta = ?1, updated_at = datetime('now') WHERE id = ?2 AND owner_id = ?3")
    .bind(meta, id, userId)
    .run();
}

export async function deleteNotes(db: D1Database, userId: string, ids: string[]): Promise<number> {
  const result = await db.prepare(`DELETE FROM notes WHERE owner_id = ?1 AND id IN ('${ids.join("','")}')`).bind(userId).run(); //@vuln CWE-89
  return result.meta.changes ?? 0;
}

export async function archiveNotes(db: D1Database, userId: string, ids: string[]): Promise<number> {
  const placeholders = ids.map((_, i) => `?${i + 2}`).join(", ");
  const result = await db.prepare(`UPDATE notes SET archived = 1 WHERE owner_id = ?1 AND id IN (${placeholders})`).bind(userId, ...ids).run(); //@safe
  return result.meta.changes ?? 0;
}

export async function getShared(db: D1Database, slug: string): Promise<NoteRow | null> {
  return db.prepare(`SELECT id, title, summary, body_html, owner_id FROM notes WHERE share_slug = '${slug}' AND shared = 1`).first<NoteRow>(); //@vuln CWE-89
}

export async function countCreatedByDay(db: D1Database, from: string, to: string) {
  const { results } = await db.prepare(`SELECT date(created_at) AS day, count(*) AS total FROM notes WHERE created_at BETWEEN '${from}' AND '${to}' GROUP BY day ORDER BY day`).all(); //@vuln CWE-89
  return results;
}

export async function listComments(db: D1Database, noteId: string) {
  const { results } = await db
    .prepare("SELECT c.id, c.body, c.created_at, u.display_name, u.website FROM comments c JOIN users u ON u.id = c.author_id WHERE c.note_id = ?1 ORDER BY c.created_at")
    .bind(noteId)
    .all();
  return results;
}

export async function addComment(db: D1Database, noteId: string, authorId: string, body: string) {
  await db
    .prepare("INSERT INTO comments (id, note_id, author_id, body, created_at) VALUES (?1, ?2, ?3, ?4, datetime('now'))")
    .bind(crypto.randomUUID(), noteId, authorId, body)
    .run();
}
