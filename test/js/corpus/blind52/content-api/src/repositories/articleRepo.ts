import { query, one } from '@newsroom/shared/db';

export interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body_html: string;
  section: string;
  author_slug: string;
  author_name: string;
  author_bio: string;
  status: 'draft' | 'scheduled' | 'published';
  premium: boolean;
  published_at: Date | null;
  updated_at: Date;
}

const LIST_COLUMNS = 'a.id, a.slug, a.title, a.summary, a.section, a.premium, a.published_at, a.author_slug';
const SORTABLE = new Set(['published_at', 'updated_at', 'title']);

export function findBySlug(slug: string) {
  return one<ArticleRow>(
    `SELECT a.*, u.display_name AS author_name, u.bio AS author_bio
       FROM articles a JOIN authors u ON u.slug = a.author_slug
      WHERE a.slug = $1 AND a.status = 'published'`,
    [slug],
  );
}

export function findById(id: string) {
  return one<ArticleRow>('SELECT * FROM articles WHERE id = $1', [id]); //@safe
}

export function listBySection(section: string, sort: string, order: string, limit: number, offset: number) {
  const column = SORTABLE.has(sort) ? sort : 'published_at';
  const direction = order.toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  return query<ArticleRow>(`SELECT ${LIST_COLUMNS} FROM articles a WHERE a.section = $1 AND a.status = 'published' ORDER BY a.${column} ${direction} LIMIT $2 OFFSET $3`, [section, limit, offset]); //@safe
}

export function listByTags(tags: string[]) {
  const inList = tags.map((t) => `'${t.trim().toLowerCase()}'`).join(',');
  return query<ArticleRow>(`SELECT DISTINCT ${LIST_COLUMNS} FROM articles a JOIN article_tags t ON t.article_id = a.id WHERE t.tag IN (${inList}) AND a.status = 'published' ORDER BY a.published_at DESC LIMIT 50`); //@vuln CWE-89
}

export async function searchArticles(term: string, opts: { author?: string; section?: string; limit?: number }) {
  const params: unknown[] = [term];
  let sql = `SELECT ${LIST_COLUMNS}, ts_headline('english', a.body_text, plainto_tsquery('english', $1)) AS snippet
               FROM articles a
              WHERE a.search_vector @@ plainto_tsquery('english', $1) AND a.status = 'published'`;
  if (opts.section) {
    params.push(opts.section);
    sql += ` AND a.section = $${params.length}`;
  }
  if (opts.author) {
    sql += ` AND a.author_slug = '${opts.author}'`;
  }
  sql += ` ORDER BY ts_rank(a.search_vector, plainto_tsquery('english', $1)) DESC LIMIT ${Number(opts.limit) || 20}`;
  return query(sql, params); //@vuln CWE-89
}

export function relatedArticles(articleId: string, limit = 4) {
  return query<ArticleRow>(
    `SELECT ${LIST_COLUMNS} FROM articles a
       JOIN article_tags t ON t.article_id = a.id
      WHERE t.tag IN (SELECT tag FROM article_tags WHERE article_id = $1) AND a.id <> $1
      GROUP BY a.id ORDER BY count(*) DESC, a.published_at DESC LIMIT $2`,
    [articleId, limit],
  );
}

export function sitemapEntries(year: string, month: string) {
  return query<{ slug: string; section: string; updated_at: Date }>(`SELECT slug, section, updated_at FROM articles WHERE status = 'published' AND date_trunc('month', published_at) = '${year}-${month}-01'::date ORDER BY published_at`); //@vuln CWE-89
}
