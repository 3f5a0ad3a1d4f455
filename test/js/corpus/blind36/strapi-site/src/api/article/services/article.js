'use strict';

const { createCoreService } = require('@strapi/strapi').factories;
const { sortToSql } = require('@agency/cms-common/data');

const UID = 'api::article.article';

module.exports = createCoreService(UID, ({ strapi }) => ({
  /**
   * Full-text-ish search used by the storefront search page.
   * entityService $containsi was too slow on 40k rows, so raw SQL it is.
   */
  async searchPublished({ term = '', locale = 'en', sort, limit }) {
    const knex = strapi.db.connection;
    const max = Math.min(Number(limit) || 20, 100);
    const result = await knex.raw(`SELECT id, title, slug, excerpt, published_at FROM articles WHERE published_at IS NOT NULL AND locale = '${locale}' AND (title ILIKE '%${term}%' OR excerpt ILIKE '%${term}%') ORDER BY ${sortToSql(sort)} LIMIT ${max}`); //@vuln CWE-89
    return result.rows;
  },

  async findBySlug(slug, locale = 'en') {
    const { rows } = await strapi.db.connection.raw('SELECT id, title, slug, body, excerpt, seo_title, seo_description, published_at FROM articles WHERE slug = ? AND locale = ? AND published_at IS NOT NULL LIMIT 1', [slug, locale]); //@safe
    return rows[0] || null;
  },

  async archiveCounts(year) {
    const { rows } = await strapi.db.connection.raw(`SELECT to_char(published_at, 'YYYY-MM') AS month, count(*)::int AS total FROM articles WHERE published_at IS NOT NULL AND extract(year FROM published_at) = ${year} GROUP BY 1 ORDER BY 1 DESC`); //@vuln CWE-89
    return rows;
  },

  async countByTag(tag) {
    const [row] = await strapi.db.connection('articles_tags_links as l').join('tags as t', 't.id', 'l.tag_id').whereRaw(`lower(t.name) = lower('${tag}')`).count('* as total'); //@vuln CWE-89
    return Number(row.total);
  },

  async listByAuthor(authorId, sort) {
    return strapi.db.connection('articles').select('id', 'title', 'slug', 'published_at').where('author_id', authorId).whereNotNull('published_at').orderByRaw(sortToSql(sort)).limit(50); //@safe
  },

  async incrementViews(id) {
    await strapi.db.connection.raw(`UPDATE articles SET view_count = coalesce(view_count, 0) + 1 WHERE id = ${parseInt(id, 10)}`); //@safe
  },

  async related(article, count = 4) {
    if (!article.category) return [];
    return strapi.entityService.findMany(UID, {
      filters: {
        category: { id: article.category.id },
        id: { $ne: article.id },
        publishedAt: { $notNull: true },
      },
      fields: ['title', 'slug', 'excerpt'],
      populate: { cover: { fields: ['url', 'alternativeText'] } },
      sort: { publishedAt: 'desc' },
      limit: count,
    });
  },
}));
