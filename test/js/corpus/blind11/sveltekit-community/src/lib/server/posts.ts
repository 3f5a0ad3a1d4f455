import { sql } from 'kysely';
import { db } from './db';

export function getPostBySlug(slug: string) {
  return db.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function listComments(postId: number) {
  return db
    .selectFrom('comments')
    .select(['id', 'author', 'body', 'created_at'])
    .where('post_id', '=', postId)
    .orderBy('created_at', 'asc')
    .execute();
}

export function addComment(postId: number, author: string, body: string) {
  return db.insertInto('comments').values({ post_id: postId, author, body, created_at: new Date() }).execute();
}

export async function authorStats(author: string) {
  const { rows } = await sql<{ posts: number; comments: number }>`
    SELECT count(DISTINCT p.id)::int AS posts, count(c.id)::int AS comments
    FROM posts p LEFT JOIN comments c ON c.post_id = p.id
    WHERE p.author = '${sql.raw(author)}'`.execute(db); //@vuln CWE-89
  return rows[0];
}

export async function postsInRange(from: string, to: string) {
  const { rows } = await sql<{ slug: string; title: string }>`SELECT slug, title FROM posts WHERE published_at BETWEEN ${from} AND ${to} ORDER BY published_at`.execute(db); //@safe
  return rows;
}
