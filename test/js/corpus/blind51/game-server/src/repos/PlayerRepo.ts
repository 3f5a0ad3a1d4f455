import { Pool } from 'pg';

export interface PlayerRow {
  id: number;
  name: string;
  rating: number;
  bio: string | null;
  avatar_url: string | null;
}

export type MatchResult = { playerId: number; score: number; won: boolean };

const LEADERBOARD_SORT: Record<string, string> = {
  rating: 'rating',
  wins: 'wins',
  winrate: 'wins::float / GREATEST(wins + losses, 1)',
  newest: 'created_at',
};

export class PlayerRepo {
  constructor(private pool: Pool) {}

  async findById(id: number): Promise<PlayerRow | null> {
    const { rows } = await this.pool.query('SELECT id, name, rating, wins, losses, bio, avatar_url, region FROM players WHERE id = $1', [id]); //@safe
    return rows[0] ?? null;
  }

  async findByEmail(email: string) {
    const { rows } = await this.pool.query('SELECT id, name, email, password_hash, password_salt FROM players WHERE lower(email) = lower($1)', [email]);
    return rows[0] ?? null;
  }

  async search(term: string, limit = 20) {
    const sql = `SELECT id, name, rating, region FROM players WHERE name ILIKE '%${term}%' AND banned_until IS NULL LIMIT ${Number(limit) || 20}`;
    const { rows } = await this.pool.query(sql); //@vuln CWE-89
    return rows;
  }

  async leaderboardPage(sort: string, dir: string, page: number) {
    const orderExpr = Object.hasOwn(LEADERBOARD_SORT, sort) ? LEADERBOARD_SORT[sort] : LEADERBOARD_SORT.rating;
    const direction = dir === 'asc' ? 'ASC' : 'DESC';
    const offset = Math.max(0, Math.floor(page) || 0) * 50;
    const { rows } = await this.pool.query(`SELECT id, name, rating, wins, losses FROM players ORDER BY ${orderExpr} ${direction} LIMIT 50 OFFSET $1`, [offset]); //@safe
    return rows;
  }

  async updateProfile(id: number, fields: { bio?: string; avatarUrl?: string; region?: string }) {
    const sets: string[] = [];
    if (fields.bio !== undefined) sets.push(`bio = '${fields.bio}'`);
    if (fields.avatarUrl !== undefined) sets.push(`avatar_url = '${fields.avatarUrl}'`);
    if (fields.region !== undefined) sets.push(`region = '${fields.region}'`);
    if (sets.length === 0) return;
    await this.pool.query(`UPDATE players SET ${sets.join(', ')}, updated_at = now() WHERE id = ${id}`); //@vuln CWE-89
  }

  async setPassword(id: number, hash: string, salt: string) {
    await this.pool.query('UPDATE players SET password_hash = $1, password_salt = $2 WHERE id = $3', [hash, salt, id]);
  }

  async seasonStats(playerId: string, season: string) {
    const { rows } = await this.pool.query(`SELECT season, kills, deaths, assists, mvp_count FROM season_stats WHERE player_id = ${playerId} AND season = '${season}'`); //@vuln CWE-89
    return rows[0] ?? null;
  }

  async recordMatch(roomId: string, mode: string, results: MatchResult[]) {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const ins = await client.query('INSERT INTO matches (room_id, mode, finished_at) VALUES ($1, $2, now()) RETURNING id', [roomId, mode]);
      for (const r of results) {
        await client.query('INSERT INTO match_players (match_id, player_id, score, won) VALUES ($1, $2, $3, $4)', [ins.rows[0].id, r.playerId, r.score, r.won]);
        await client.query('UPDATE players SET wins = wins + $1, losses = losses + $2 WHERE id = $3', [r.won ? 1 : 0, r.won ? 0 : 1, r.playerId]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }
}
