import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import { createCookieSessionStorage, redirect } from '@remix-run/node';

const db = new Database(process.env.BLOG_DB ?? path.join(process.cwd(), 'data', 'blog.db'));
db.pragma('journal_mode = WAL');

export type Post = {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  body: string;
  tags: string;
  author_id: number;
  published_at: string;
};

export type Comment = { id: number; post_id: number; author: string; email: string; body: string; created_at: string };

export function getPostBySlug(slug: string): Post | undefined {
  return db.prepare('SELECT * FROM posts WHERE slug = ? AND published = 1').get(slug) as Post | undefined; //@safe
}

export function listPostsByTag(tag: string, order: string) {
  return db.prepare(`SELECT id, slug, title, excerpt FROM posts WHERE published = 1 AND tags LIKE '%${tag}%' ORDER BY ${order} LIMIT 5`).all() as Pick<Post, 'id' | 'slug' | 'title' | 'excerpt'>[]; //@vuln CWE-89
}

export function searchPosts(q: string) {
  return db.prepare('SELECT id, slug, title, excerpt FROM posts WHERE published = 1 AND (title LIKE @q OR body LIKE @q) LIMIT 20').all({ q: `%${q}%` }); //@safe
}

export function getComments(postId: number): Comment[] {
  return db.prepare('SELECT * FROM comments WHERE post_id = ? AND approved = 1 ORDER BY created_at').all(postId) as Comment[];
}

export function addComment(postId: number, author: string, email: string, body: string) {
  db.prepare('INSERT INTO comments (post_id, author, email, body, approved) VALUES (?, ?, ?, ?, 1)').run(postId, author, email, body);
}

export function createPost(authorId: number, p: Pick<Post, 'slug' | 'title' | 'excerpt' | 'body' | 'tags'>) {
  return db.prepare('INSERT OR REPLACE INTO posts (slug, title, excerpt, body, tags, author_id, published) VALUES (?, ?, ?, ?, ?, ?, 0)').run(p.slug, p.title, p.excerpt, p.body, p.tags, authorId);
}

export function getUserByLogin(username: string) {
  return db.prepare(`SELECT id, username, password_hash, role FROM users WHERE username = '${username}' OR email = '${username}'`).get() as { id: number; username: string; password_hash: string; role: string } | undefined; //@vuln CWE-89
}

export function storeRememberToken(userId: number, token: string) {
  db.prepare("INSERT INTO remember_tokens (user_id, token, expires_at) VALUES (?, ?, datetime('now', '+30 days'))").run(userId, token);
}

const NEWSLETTER_KEY = Buffer.from(process.env.NEWSLETTER_KEY ?? '', 'hex');

export function unsubscribeToken(email: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', NEWSLETTER_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(email, 'utf8'), cipher.final()]).toString('base64url');
}

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: '__blog_session',
    httpOnly: true,
    path: '/',
    sameSite: 'lax',
    secrets: [process.env.SESSION_SECRET ?? 'remix-blog-s3ssion-k3y-2023'], //@vuln CWE-798
    secure: false, //@vuln CWE-614
    maxAge: 60 * 60 * 24 * 14
  }
});

export async function requireUserId(request: Request): Promise<number> {
  const session = await sessionStorage.getSession(request.headers.get('Cookie'));
  const userId = session.get('userId');
  if (typeof userId !== 'number') {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`);
  }
  return userId;
}
