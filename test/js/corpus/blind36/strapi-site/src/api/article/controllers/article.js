'use strict';

const { createCoreController } = require('@strapi/strapi').factories;
const escapeHtml = require('escape-html');
const { deepMerge } = require('@agency/cms-common/data');
const { verifyPreview } = require('@agency/cms-common/crypto');

const UID = 'api::article.article';
const FRONTEND_URL = process.env.FRONTEND_URL || 'https://www.client-site.com';

module.exports = createCoreController(UID, ({ strapi }) => ({
  async search(ctx) {
    const { q = '', locale = 'en', sort, limit } = ctx.query;
    const rows = await strapi.service(UID).searchPublished({ term: q, locale, sort, limit });
    ctx.body = { data: rows, meta: { total: rows.length } };
  },

  async findOneBySlug(ctx) {
    const { slug } = ctx.params;
    const article = await strapi.service(UID).findBySlug(slug, ctx.query.locale);
    if (!article) return ctx.notFound('Article not found');
    await strapi.service(UID).incrementViews(article.id);
    const related = await strapi.service(UID).related(article);
    ctx.body = { data: article, related };
  },

  async archive(ctx) {
    const rows = await strapi.service(UID).archiveCounts(ctx.params.year);
    ctx.body = { data: rows };
  },

  async tagCount(ctx) {
    const total = await strapi.service(UID).countByTag(ctx.params.tag);
    ctx.body = { tag: ctx.params.tag, total };
  },

  /**
   * Partner sites iframe this. Theme is passed through so they can match their CSS.
   */
  async embed(ctx) {
    const { slug } = ctx.params;
    const theme = ctx.query.theme || 'light';
    const article = await strapi.service(UID).findBySlug(slug);
    ctx.type = 'html';
    if (!article) {
      ctx.status = 404;
      ctx.body = `<div class="embed embed--missing">No article called ${escapeHtml(slug)}</div>`; //@safe
      return;
    }
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = `<div class="embed embed--${theme}"><a href="${FRONTEND_URL}/blog/${encodeURIComponent(article.slug)}" target="_blank"><h2>${escapeHtml(article.title)}</h2></a><p>${escapeHtml(article.excerpt || '')}</p></div>`; //@vuln CWE-79
  },

  async updateDisplaySettings(ctx) {
    const { id } = ctx.params;
    const entry = await strapi.entityService.findOne(UID, id, { fields: ['displaySettings'] });
    if (!entry) return ctx.notFound();
    const settings = deepMerge(entry.displaySettings || {}, ctx.request.body.settings || {});
    const updated = await strapi.entityService.update(UID, id, { data: { displaySettings: settings } });
    ctx.body = await this.sanitizeOutput(updated, ctx);
  },

  async preview(ctx) {
    const { slug, sig } = ctx.query;
    if (!slug || !verifyPreview(slug, sig)) return ctx.forbidden('Invalid preview signature');
    ctx.cookies.set('__preview', '1', { httpOnly: true, secure: true, sameSite: 'none', maxAge: 30 * 60 * 1000 });
    ctx.redirect(`${FRONTEND_URL}/api/preview?slug=${encodeURIComponent(slug)}`); //@safe
  },

  async exitPreview(ctx) {
    ctx.cookies.set('__preview', null);
    ctx.redirect(ctx.query.redirect || FRONTEND_URL); //@vuln CWE-601
  },
}));
