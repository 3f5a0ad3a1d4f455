'use strict';

// Custom routes for the article API (core CRUD routes live in article.js).
const publicRoute = (method, path, handler) => ({ method, path, handler, config: { auth: false, policies: [] } });

module.exports = {
  routes: [
    publicRoute('GET', '/articles/search', 'article.search'),
    publicRoute('GET', '/articles/slug/:slug', 'article.findOneBySlug'),
    publicRoute('GET', '/articles/archive/:year', 'article.archive'),
    publicRoute('GET', '/articles/tags/:tag/count', 'article.tagCount'),
    publicRoute('GET', '/articles/embed/:slug', 'article.embed'),
    {
      method: 'PUT',
      path: '/articles/:id/display-settings',
      handler: 'article.updateDisplaySettings',
      config: { policies: ['global::is-editor'] },
    },
    publicRoute('GET', '/preview', 'article.preview'),
    publicRoute('GET', '/preview/exit', 'article.exitPreview'),
  ],
};
