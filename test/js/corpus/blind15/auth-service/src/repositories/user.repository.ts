import { Pool } from 'pg';
import { injectable } from 'tsyringe';

export type UserRow = { id: string; email: string; password_hash: string; legacy_salt: string | null; roles: string[] };

const pool = new Pool({ connectionString: process.env.AUTH_DATABASE_URL });

@injectable()
export class UserRepository {
  async findByEmail(email: string): Promise<UserRow | null> {
    const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [email]);
    return rows[0] ?? null;
  }

  async adminSearch(term: string, role: string): Promise<UserRow[]> {
    const sql = `SELECT id, email, roles FROM users WHERE email LIKE '%${term}%' AND '${role}' = ANY(roles) ORDER BY email`;
    const { rows } = await pool.query<UserRow>(sql); //@vuln CWE-89
    return rows;
  }

  async setPasswordHash(id: string, hash: string): Promise<void> {
    await pool.query('UPDATE users SET password_hash = $1, legacy_salt = NULL WHERE id = $2', [hash, id]);
  }

  async setResetToken(id: string, token: string): Promise<void> {
    await pool.query("UPDATE users SET reset_token = $1, reset_expires = now() + interval '1 hour' WHERE id = $2", [token, id]);
  }
}
