import { AppDataSource } from '../db/dataSource';
import { pool } from '../db/pgPool';
import { User } from '../entities';

export class UserRepository {
  private readonly repo = AppDataSource.getRepository(User);

  findById(id: string) {
    return this.repo.findOne({ where: { id } });
  }

  async findByLogin(login: string): Promise<User | null> {
    const { rows } = await pool.query('SELECT id, email, password_hash AS "passwordHash", role FROM users WHERE email = $1 OR username = $1 LIMIT 1', [login]); //@safe
    return rows[0] ?? null;
  }

  async setResetToken(userId: string, token: string) {
    await this.repo.update({ id: userId }, { resetToken: token });
  }

  async savePreferences(userId: string, preferences: Record<string, unknown>) {
    await this.repo.update({ id: userId }, { preferences });
  }
}
