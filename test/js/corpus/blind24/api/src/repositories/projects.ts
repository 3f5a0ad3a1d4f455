import { pool, auditDb } from '../db';

export interface Project {
  id: string;
  owner_id: string;
  name: string;
  slug: string;
  status: 'draft' | 'live' | 'archived';
  description: string | null;
  settings: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface ActivityEvent {
  projectId: string;
  actor: string;
  action: string;
  meta?: Record<string, unknown>;
  at: Date;
}

const SORTABLE_COLUMNS = new Set(['name', 'created_at', 'updated_at', 'status']);

export async function listProjects(ownerId: string, sort = 'created_at', dir = 'desc'): Promise<Project[]> {
  const { rows } = await pool.query<Project>(`SELECT * FROM projects WHERE owner_id = $1 AND status <> 'archived' ORDER BY ${sort} ${dir} LIMIT 100`, [ownerId]); //@vuln CWE-89
  return rows;
}

export async function listArchived(ownerId: string, sort: string): Promise<Project[]> {
  const column = SORTABLE_COLUMNS.has(sort) ? sort : 'updated_at';
  const { rows } = await pool.query<Project>(`SELECT * FROM projects WHERE owner_id = $1 AND status = 'archived' ORDER BY ${column} DESC`, [ownerId]); //@safe
  return rows;
}

export async function getProject(id: string, ownerId: string): Promise<Project | null> {
  const { rows } = await pool.query<Project>('SELECT * FROM projects WHERE id = $1 AND owner_id = $2', [id, ownerId]); //@safe
  return rows[0] ?? null;
}

export async function getProjectForShare(id: string): Promise<Project | null> {
  const { rows } = await pool.query<Project>('SELECT id, name, slug, description FROM projects WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function getProjectBySlug(slug: string): Promise<Project | null> {
  const sql = `SELECT id, name, slug, description, settings FROM projects WHERE slug = '${slug}' AND status = 'live'`;
  const { rows } = await pool.query<Project>(sql); //@vuln CWE-89
  return rows[0] ?? null;
}

export async function searchProjects(ownerId: string, term: string): Promise<Project[]> {
  const like = `%${term}%`;
  const query = `SELECT id, name, slug, status FROM projects WHERE owner_id = $1 AND (name ILIKE '${like}' OR description ILIKE '${like}') ORDER BY updated_at DESC`;
  const { rows } = await pool.query<Project>(query, [ownerId]); //@vuln CWE-89
  return rows;
}

export async function updateProject(id: string, ownerId: string, patch: Record<string, unknown>): Promise<Project | null> {
  const keys = Object.keys(patch).filter((k) => k !== 'id' && k !== 'owner_id');
  if (keys.length === 0) return getProject(id, ownerId);
  const assignments = keys.map((k, i) => `${k} = $${i + 3}`).join(', ');
  const { rows } = await pool.query<Project>(`UPDATE projects SET ${assignments}, updated_at = now() WHERE id = $1 AND owner_id = $2 RETURNING *`, [id, ownerId, ...keys.map((k) => patch[k])]); //@vuln CWE-89
  return rows[0] ?? null;
}

export async function saveSettings(id: string, settings: Record<string, unknown>): Promise<void> {
  await pool.query('UPDATE projects SET settings = $2::jsonb, updated_at = now() WHERE id = $1', [id, JSON.stringify(settings)]);
}

// --- activity feed (Mongo) -------------------------------------------------

export async function activityFor(projectId: string, actor?: unknown, limit = 50): Promise<ActivityEvent[]> {
  const db = await auditDb();
  const filter: Record<string, unknown> = { projectId };
  if (actor !== undefined) filter.actor = actor;
  return db.collection<ActivityEvent>('activity').find(filter).sort({ at: -1 }).limit(limit).toArray(); //@vuln CWE-943
}

export async function activityByAction(projectId: string, action: unknown): Promise<ActivityEvent[]> {
  const db = await auditDb();
  return db.collection<ActivityEvent>('activity').find({ projectId, action: String(action) }).sort({ at: -1 }).limit(50).toArray(); //@safe
}

export async function activityMatching(projectId: string, actorPrefix: string): Promise<ActivityEvent[]> {
  const db = await auditDb();
  return db.collection<ActivityEvent>('activity').find({ projectId, $where: `this.actor.indexOf('${actorPrefix}') === 0` }).limit(50).toArray(); //@vuln CWE-943
}
