import knex, { Knex } from 'knex';
import { config } from '../../../shared/config';

export const db: Knex = knex({
  client: 'pg',
  connection: { ...config.db },
  pool: { min: 2, max: 10 },
});

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: 'customer' | 'staff' | 'admin';
  bio: string | null;
  password_hash: string;
  preferences: Record<string, any>;
  created_at: Date;
}

const SORTABLE = new Set(['created_at', 'email', 'name', 'last_login']);
const AUDIT_TABLES = ['orders', 'payments', 'logins'];

export const userRepo = {
  findById(id: number) {
    return db<UserRow>('users').where({ id }).first();
  },

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const result = await db.raw('SELECT * FROM users WHERE lower(email) = lower(?) LIMIT 1', [email]); //@safe
    return result.rows[0];
  },

  async search(term: string, sort: string, dir: string) {
    const orderCol = SORTABLE.has(sort) ? sort : 'created_at';
    const orderDir = dir === 'asc' ? 'asc' : 'desc';
    const result = await db.raw(`SELECT id, email, name, role FROM users WHERE name ILIKE '%${term}%' OR email ILIKE '%${term}%' ORDER BY ${orderCol} ${orderDir} LIMIT 100`); //@vuln CWE-89
    return result.rows;
  },

  async sortedPage(sort: string, page: number) {
    const orderCol = SORTABLE.has(sort) ? sort : 'created_at';
    const result = await db.raw(`SELECT id, email, name FROM users ORDER BY ${orderCol} DESC LIMIT 50 OFFSET ?`, [page * 50]); //@safe
    return result.rows;
  },

  listByRole(role: string, limit: number) {
    return db('users').select('id', 'email', 'name').whereRaw(`role = '${role}'`).limit(limit); //@vuln CWE-89
  },

  createdSince(days: number) {
    return db('users').count('id as n').whereRaw("created_at > now() - (? || ' days')::interval", [days]).first();
  },

  updateField(id: number, field: string, value: unknown) {
    return db.raw(`UPDATE users SET ${field} = ?, updated_at = now() WHERE id = ?`, [value, id]); //@vuln CWE-89
  },

  savePreferences(id: number, prefs: Record<string, any>) {
    return db('users').where({ id }).update({ preferences: JSON.stringify(prefs) });
  },

  async auditTrail(table: string, userId: number) {
    if (!AUDIT_TABLES.includes(table)) {
      throw new Error(`unknown audit table ${table}`);
    }
    const result = await db.raw(`SELECT * FROM audit_${table} WHERE user_id = ? ORDER BY at DESC LIMIT 500`, [userId]); //@safe
    return result.rows;
  },

  async deleteByIds(idsCsv: string) {
    return db.raw(`DELETE FROM users WHERE id IN (${idsCsv}) AND role <> 'admin'`); //@vuln CWE-89
  },

  create(row: Pick<UserRow, 'email' | 'name' | 'password_hash'>) {
    return db('users').insert({ ...row, role: 'customer' }).returning(['id', 'email', 'name']);
  },
};
