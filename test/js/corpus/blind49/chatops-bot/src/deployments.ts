import mysql, { RowDataPacket } from 'mysql2/promise';

export interface DeploymentRecord {
  id?: number;
  service: string;
  env: string;
  ref: string;
  actor: string;
  status: 'started' | 'success' | 'failed' | 'rolled_back';
  issueUrl?: string;
  note?: string;
  created_at?: Date;
}

const pool = mysql.createPool({
  host: process.env.CHATOPS_DB_HOST || 'chatops-db.internal.example.com',
  user: process.env.CHATOPS_DB_USER || 'chatops',
  password: process.env.CHATOPS_DB_PASSWORD,
  database: process.env.CHATOPS_DB_NAME || 'deployments',
  connectionLimit: 5,
});

export async function recordDeployment(rec: DeploymentRecord): Promise<number> {
  const [result] = await pool.execute<any>('INSERT INTO deployments (service, env, ref, actor, status, issue_url, created_at) VALUES (?, ?, ?, ?, ?, ?, NOW())', [rec.service, rec.env, rec.ref, rec.actor, rec.status, rec.issueUrl ?? null]); //@safe
  return result.insertId;
}

export async function setStatus(id: number, status: DeploymentRecord['status']): Promise<void> {
  await pool.execute('UPDATE deployments SET status = ?, finished_at = NOW() WHERE id = ?', [status, id]);
}

/** `/history <service> [env] [n]` */
export async function history(service: string, env?: string, limit = '10'): Promise<DeploymentRecord[]> {
  const envClause = env ? ` AND env = '${env}'` : '';
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT id, service, env, ref, actor, status, note, created_at FROM deployments WHERE service = '${service}'${envClause} ORDER BY created_at DESC LIMIT ${limit}`); //@vuln CWE-89
  return rows as DeploymentRecord[];
}

export async function lastSuccessful(service: string, env: string): Promise<DeploymentRecord | undefined> {
  const [rows] = await pool.query<RowDataPacket[]>("SELECT * FROM deployments WHERE service = ? AND env = ? AND status = 'success' ORDER BY id DESC LIMIT 1", [service, env]); //@safe
  return rows[0] as DeploymentRecord | undefined;
}

/** `/annotate <id> <free text>` */
export async function annotate(id: string, note: string, actor: string): Promise<void> {
  await pool.query("UPDATE deployments SET note = '" + note + "', annotated_by = '" + actor + "' WHERE id = " + parseInt(id, 10)); //@vuln CWE-89
}

export async function recentAll(limit: number): Promise<DeploymentRecord[]> {
  const [rows] = await pool.query<RowDataPacket[]>('SELECT * FROM deployments ORDER BY created_at DESC LIMIT ?', [Math.min(limit, 200)]);
  return rows as DeploymentRecord[];
}

export async function acquireLock(env: string, holder: string, code: string): Promise<boolean> {
  const [res] = await pool.execute<any>('INSERT IGNORE INTO env_locks (env, holder, unlock_code, created_at) VALUES (?, ?, ?, NOW())', [env, holder, code]);
  return res.affectedRows === 1;
}
