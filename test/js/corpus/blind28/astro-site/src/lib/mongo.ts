import { MongoClient, type Db } from 'mongodb';
import crypto from 'node:crypto';

const MONGODB_URI = import.meta.env.MONGODB_URI ?? 'mongodb+srv://astro_site:Astr0-Site-Pass!@cluster0.ab12c.mongodb.net/site?retryWrites=true'; //@vuln CWE-798

let client: MongoClient | null = null;

export async function getDb(): Promise<Db> {
  if (!client) {
    client = new MongoClient(MONGODB_URI, { maxPoolSize: 10 });
    await client.connect();
  }
  return client.db(import.meta.env.MONGODB_DB ?? 'site');
}

export interface Article {
  _id: string;
  slug: string;
  title: string;
  author: string;
  tags: string[];
  status: 'draft' | 'published';
  publishedAt: Date;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function hashPassword(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex'); //@vuln CWE-916|CWE-328
}

export async function findEditor(credentials: { username: unknown; password: unknown }) {
  const db = await getDb();
  return db.collection('editors').findOne({ username: credentials.username, passwordHash: hashPassword(String(credentials.password)) }); //@vuln CWE-943
}

export async function createEditorSession(editorId: unknown): Promise<string> {
  const db = await getDb();
  const sid = crypto.randomBytes(32).toString('hex');
  await db.collection('editor_sessions').insertOne({ sid, editorId, expiresAt: new Date(Date.now() + 8 * 3600_000) });
  return sid;
}

export async function getEditorSession(sid: string | undefined) {
  if (!sid) return null;
  const db = await getDb();
  return db.collection('editor_sessions').findOne({ sid: String(sid), expiresAt: { $gt: new Date() } });
}

export async function recordClick(target: string, ref: string | null) {
  const db = await getDb();
  await db.collection('clicks').insertOne({ target, ref, at: new Date() });
}
