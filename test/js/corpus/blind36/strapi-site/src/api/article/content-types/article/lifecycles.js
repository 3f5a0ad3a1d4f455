'use strict';

const { exec } = require('child_process');
const sanitizeHtml = require('sanitize-html');

const BODY_SANITIZE_OPTIONS = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'figure', 'figcaption']),
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
  },
  allowedSchemes: ['https', 'mailto'],
};

function cleanBody(data) {
  if (typeof data.body === 'string') {
    data.body = sanitizeHtml(data.body, BODY_SANITIZE_OPTIONS);
  }
  if (!data.excerpt && typeof data.body === 'string') {
    data.excerpt = sanitizeHtml(data.body, { allowedTags: [], allowedAttributes: {} }).slice(0, 220);
  }
}

module.exports = {
  beforeCreate(event) {
    cleanBody(event.params.data);
  },

  beforeUpdate(event) {
    cleanBody(event.params.data);
  },

  /**
   * Editors can set a custom canonical path (e.g. /news/2023/launch). When the article
   * is (re)published we purge that path from Fastly.
   */
  async afterUpdate(event) {
    const { result } = event;
    if (!result.publishedAt) return;
    const canonical = result.canonicalPath || `/blog/${result.slug}`;
    exec(`./scripts/purge-cdn.sh "${canonical}"`, { cwd: process.cwd(), timeout: 20000 }, (err, stdout) => { //@vuln CWE-78
      if (err) {
        strapi.log.warn(`CDN purge failed for article ${result.id}: ${err.message}`);
        return;
      }
      strapi.log.info(`CDN purge ok: ${stdout.trim()}`);
    });
  },
};
