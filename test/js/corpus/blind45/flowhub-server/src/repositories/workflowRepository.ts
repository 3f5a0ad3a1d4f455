import { pool } from '../db';

export interface WorkflowSummary {
  id: string;
  name: string;
  active: boolean;
  updated_at: Date;
  tags: string[];
}

const SORTABLE_COLUMNS = new Map([
  ['name', 'w.name'],
  ['updatedAt', 'w.updated_at'],
  ['createdAt', 'w.created_at'],
]);

export async function listWorkflows(projectId: string, opts: { search?: string; sortBy?: string; order?: string }): Promise<WorkflowSummary[]> {
  const params: unknown[] = [projectId];
  let where = 'w.project_id = $1';
  if (opts.search) {
    params.push(`%${opts.search}%`);
    where += ` AND w.name ILIKE $${params.length}`;
  }
  const orderBy = SORTABLE_COLUMNS.get(opts.sortBy ?? '') ?? 'w.updated_at';
  const direction = opts.order?.toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  const { rows } = await pool.query(`SELECT w.id, w.name, w.active, w.updated_at, COALESCE(array_agg(t.name) FILTER (WHERE t.name IS NOT NULL), '{}') AS tags FROM workflows w LEFT JOIN workflow_tags t ON t.workflow_id = w.id WHERE ${where} GROUP BY w.id ORDER BY ${orderBy} ${direction}`, params); //@safe
  return rows;
}

export async function findByTag(projectId: string, tag: string): Promise<WorkflowSummary[]> {
  const { rows } = await pool.query(`SELECT w.id, w.name, w.active, w.updated_at FROM workflows w JOIN workflow_tags t ON t.workflow_id = w.id WHERE w.project_id = '${projectId}' AND t.name = '${tag}' ORDER BY w.name`); //@vuln CWE-89
  return rows;
}

export async function getWorkflow(projectId: string, id: string) {
  const { rows } = await pool.query('SELECT * FROM workflows WHERE project_id = $1 AND id = $2', [projectId, id]); //@safe
  return rows[0] ?? null;
}

export async function updateWorkflow(projectId: string, id: string, patch: Record<string, unknown>) {
  const { id: _id, project_id: _project, ...fields } = patch;
  const keys = Object.keys(fields);
  if (keys.length === 0) return getWorkflow(projectId, id);
  const assignments = keys.map((k, i) => `${k} = $${i + 3}`).join(', ');
  const { rows } = await pool.query(`UPDATE workflows SET ${assignments}, updated_at = now() WHERE project_id = $1 AND id = $2 RETURNING *`, [projectId, id, ...keys.map((k) => fields[k])]); //@vuln CWE-89
  return rows[0] ?? null;
}

export async function searchExecutions(workflowId: string, filters: { status?: string; sort?: string; limit?: number }) {
  let sql = 'SELECT id, status, mode, started_at, finished_at FROM executions WHERE workflow_id = $1';
  if (filters.status) sql += ` AND status = '${filters.status}'`;
  sql += ` ORDER BY ${filters.sort || 'started_at'} DESC LIMIT ${Math.min(filters.limit || 50, 500)}`;
  const { rows } = await pool.query(sql, [workflowId]); //@vuln CWE-89
  return rows;
}
