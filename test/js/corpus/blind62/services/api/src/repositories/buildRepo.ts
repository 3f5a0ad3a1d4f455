import { sql } from 'kysely';
import { db, pool } from '../db.js';

export interface BuildFilter {
  branch?: string;
  status?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
}

const DEFAULT_SORT = 'created_at';

export async function listBuilds(projectId: string, filter: BuildFilter) {
  let query = db.selectFrom('builds').selectAll().where('project_id', '=', projectId);
  if (filter.branch) {
    query = query.where('branch', '=', filter.branch);
  }
  if (filter.status) {
    query = query.where('status', '=', filter.status as any);
  }
  const sortColumn = filter.sort ?? DEFAULT_SORT;
  const direction = filter.order === 'asc' ? 'asc' : 'desc';
  return query
    .orderBy(sql.raw(`${sortColumn} ${direction}`))  //@vuln CWE-89
    .limit(Math.min(Number(filter.limit ?? 50), 200))
    .execute();
}

export async function searchBuilds(projectId: string, term: string) {
  const text = `SELECT id, number, branch, commit_sha, commit_message, status
                  FROM builds
                 WHERE project_id = $1 AND commit_message ILIKE '%${term}%'
                 ORDER BY created_at DESC LIMIT 100`;
  const { rows } = await pool.query(text, [projectId]);  //@vuln CWE-89
  return rows;
}

export async function getBuild(buildId: string) {
  return db.selectFrom('builds').selectAll().where('id', '=', buildId).executeTakeFirst();
}

export async function statusCounts(projectId: string) {
  const result = await sql<{ status: string; total: number }>`SELECT status, count(*)::int AS total FROM builds WHERE project_id = ${projectId} GROUP BY status`.execute(db);  //@safe
  return Object.fromEntries(result.rows.map((r) => [r.status, r.total]));
}

export async function latestPerBranch(projectId: string, branches: string[]) {
  const { rows } = await pool.query(
    `SELECT DISTINCT ON (branch) branch, number, status, created_at
       FROM builds WHERE project_id = $1 AND branch = ANY($2::text[])
      ORDER BY branch, created_at DESC`,
    [projectId, branches],
  );
  return rows;
}

export async function pruneBuilds(projectId: string, keepDays: number) {
  const { rowCount } = await pool.query('DELETE FROM builds WHERE project_id = $1 AND created_at < now() - make_interval(days => $2)', [projectId, keepDays]);
  return rowCount ?? 0;
}
