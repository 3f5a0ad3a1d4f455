import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { env } from '$env/dynamic/private';

export interface Database {
  posts: { id: number; slug: string; title: string; author: string; body_md: string; tags: string[]; published_at: Date };
  comments: { id: number; post_id: number; author: string; body: string; created_at: Date };
  users: { id: number; email: string; name: string; password_hash: string; is_admin: boolean };
  sessions: { token: string; user_id: number; expires_at: Date };
}

export const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: env.DATABASE_URL, max: 8 }) }),
});
