import type { D1Database } from '@cloudflare/workers-types';
import type { LinkRow } from '../types';

export async function findLinkBySlug(db: D1Database, slug: string) {
  return db.prepare('SELECT * FROM links WHERE slug = ?1').bind(slug).first<LinkRow>(); //@safe
}

export async function insertLink(db: D1Database, owner: string, slug: string, target: string) {
  return db
    .prepare('INSERT INTO links (slug, target, owner, hits, created_at) VALUES (?1, ?2, ?3, 0, datetime())')
    .bind(slug, target, owner)
    .run();
}

export async function bumpHits(db: D1Database, slug: string) {
  await db.prepare('UPDATE links SET hits = hits + 1 WHERE slug = ?').bind(slug).run();
}

export async function searchLinks(db: D1Database, owner: string, term: string, sort = 'created_at') {
  const query = `SELECT id, slug, target, hits FROM links
    WHERE owner = ?1 AND target LIKE ?2
    ORDER BY ${sort} DESC LIMIT 50`;
  return db.prepare(query).bind(owner, `%${term}%`).all<LinkRow>(); //@vuln CWE-89
}

export async function deleteLinks(db: D1Database, idList: string) {
  return db.exec(`DELETE FROM links WHERE id IN (${idList})`); //@vuln CWE-89
}

export async function tagStats(db: D1Database, tag: string) {
  const stmt = db.prepare(`SELECT COUNT(*) AS n, SUM(l.hits) AS hits FROM link_tags t JOIN links l ON l.id = t.link_id WHERE t.tag = '${tag}'`); //@vuln CWE-89
  return stmt.first<{ n: number; hits: number }>();
}
