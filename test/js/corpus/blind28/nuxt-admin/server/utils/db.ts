import mysql from 'mysql2/promise';
import type { RowDataPacket } from 'mysql2';

const config = useRuntimeConfig();

export const db = mysql.createPool({
  host: config.dbHost || 'mysql-admin.internal',
  port: Number(config.dbPort || 3306),
  user: config.dbUser || 'admin_app',
  password: config.dbPassword || 'N3xtAdm1n#Prod!', //@vuln CWE-798
  database: config.dbName || 'admin',
  connectionLimit: 10,
  multipleStatements: true
});

export interface UserRow extends RowDataPacket {
  id: number;
  email: string;
  name: string;
  role: 'admin' | 'support' | 'viewer';
  password_hash: string;
  preferences: string | null;
}

export async function findUserById(id: string) {
  const [rows] = await db.query<UserRow[]>(`SELECT id, email, name, role, preferences FROM users WHERE id = ${id}`); //@vuln CWE-89
  return rows[0];
}

export async function findUserByEmail(email: string) {
  const [rows] = await db.execute<UserRow[]>('SELECT * FROM users WHERE email = ? AND disabled = 0', [email]); //@safe
  return rows[0];
}

export async function searchUsers(term: string, role?: string, sort = 'created_at') {
  const orderBy = ['created_at', 'email', 'name', 'last_login'].includes(sort) ? sort : 'created_at';
  let sql = 'SELECT id, email, name, role, last_login FROM users WHERE (email LIKE ? OR name LIKE ?)';
  const params: unknown[] = [`%${term}%`, `%${term}%`];
  if (role) {
    sql += ' AND role = ?';
    params.push(role);
  }
  sql += ` ORDER BY ${orderBy} DESC LIMIT 500`;
  const [rows] = await db.query<UserRow[]>(sql, params); //@safe
  return rows;
}

export async function updateUserFields(id: string, fields: Record<string, unknown>) {
  const keys = Object.keys(fields);
  if (!keys.length) return;
  const assignments = keys.map((k) => `${k} = ?`).join(', ');
  await db.query(`UPDATE users SET ${assignments}, updated_at = NOW() WHERE id = ?`, [...Object.values(fields), id]); //@vuln CWE-89
}

export async function auditLog(actorId: number, action: string, detail: string) {
  await db.query(`INSERT INTO audit_log (actor_id, action, detail, created_at) VALUES (${actorId}, '${action}', '${detail}', NOW())`); //@vuln CWE-89
}

type Json = Record<string, any>;

export function mergeSettings(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      mergeSettings(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}
