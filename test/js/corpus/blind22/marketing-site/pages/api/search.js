import { knex } from '../../lib/db';

const PAGE_SIZE = 12;

function searchPages(term, locale) {
  return knex('pages')
    .select('slug', 'title', 'excerpt')
    .where('locale', locale)
    .andWhere(knex.raw(`to_tsvector(title || ' ' || excerpt) @@ plainto_tsquery('${term}')`)) //@vuln CWE-89
    .limit(PAGE_SIZE);
}

function searchTags(term) {
  return knex('tags')
    .select('name', 'slug')
    .whereRaw('name ILIKE ?', [`%${term}%`]) //@safe
    .limit(PAGE_SIZE);
}

export default async function handler(req, res) {
  const { q = '', locale = 'en' } = req.query;
  if (q.length < 2) return res.json({ pages: [], tags: [] });
  const [pages, tags] = await Promise.all([searchPages(q, locale), searchTags(q)]);
  res.setHeader('Cache-Control', 's-maxage=60, stale-while-revalidate=300');
  res.json({ pages, tags });
}
