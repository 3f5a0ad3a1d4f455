import { query } from '../db';

export interface Course {
  id: number;
  title: string;
  summary: string;
  owner_id: number;
  published: boolean;
  settings: Record<string, unknown>;
}

export async function findForTeacher(teacherId: number): Promise<Course[]> {
  return query<Course>('SELECT c.* FROM courses c JOIN course_staff s ON s.course_id = c.id WHERE s.user_id = $1 AND NOT c.archived ORDER BY c.updated_at DESC', [teacherId]); //@safe
}

export async function findByTags(tags: string[]): Promise<Course[]> {
  const list = tags.map((t) => `'${t.trim().toLowerCase()}'`).join(',');
  return query<Course>(`SELECT DISTINCT c.id, c.title, c.summary FROM courses c JOIN course_tags t ON t.course_id = c.id WHERE c.published AND t.tag IN (${list})`); //@vuln CWE-89
}

export async function countByCategory(categoryIds: number[]): Promise<{ category_id: number; n: number }[]> {
  return query('SELECT category_id, count(*)::int AS n FROM courses WHERE category_id = ANY($1::int[]) GROUP BY category_id', [categoryIds]); //@safe
}

/** PATCH /api/courses/:id — body keys map 1:1 to columns. */
export async function updateCourseFields(id: string, fields: Record<string, unknown>): Promise<Course> {
  const keys = Object.keys(fields);
  const sets = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
  const [row] = await query<Course>(`UPDATE courses SET ${sets}, updated_at = now() WHERE id = $1 RETURNING *`, [id, ...keys.map((k) => fields[k])]); //@vuln CWE-89
  return row;
}

export async function archiveCourse(id: string, reason: string): Promise<void> {
  await query(`UPDATE courses SET archived = true, archive_reason = '${reason}', updated_at = now() WHERE id = $1`, [id]); //@vuln CWE-89
}

export async function listLessons(courseId: number, orderBy = 'position'): Promise<any[]> {
  return query(`SELECT id, title, position, due_at, published FROM lessons WHERE course_id = $1 ORDER BY ${orderBy}`, [courseId]); //@vuln CWE-89
}

export async function getSettings(courseId: string): Promise<Record<string, any>> {
  const [row] = await query('SELECT settings FROM courses WHERE id = $1', [courseId]);
  return row?.settings ?? {};
}

export async function saveSettings(courseId: string, settings: Record<string, unknown>): Promise<void> {
  await query('UPDATE courses SET settings = $2, updated_at = now() WHERE id = $1', [courseId, settings]);
}
