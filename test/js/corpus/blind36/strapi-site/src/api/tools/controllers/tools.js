'use strict';

/**
 * Ops tools for the client's content team (exports, content bundles, DB dumps).
 * Routes live in ../routes/tools.js and require an authenticated "editor" role.
 */
const fs = require('fs');
const path = require('path');
const { exec, execFile } = require('child_process');
const AdmZip = require('adm-zip');
const axios = require('axios');
const jwt = require('jsonwebtoken');
const yaml = require('js-yaml');
const serialize = require('node-serialize');
const { resolveInside } = require('@agency/cms-common/data');
const { encryptExport } = require('@agency/cms-common/crypto');

const EXPORT_DIR = path.join(process.cwd(), 'exports');
const IMPORT_DIR = path.join(process.cwd(), 'imports');
const DUMPABLE_TABLES = new Set(['articles', 'categories', 'tags', 'authors']);

module.exports = ({ strapi }) => ({
  async exportFile(ctx) {
    const name = ctx.query.name;
    const file = path.join(EXPORT_DIR, name);
    if (!fs.existsSync(file)) return ctx.notFound();
    ctx.attachment(path.basename(file));
    ctx.body = fs.createReadStream(file); //@vuln CWE-22
  },

  async downloadEncrypted(ctx) {
    const file = resolveInside(EXPORT_DIR, ctx.params.name);
    const data = await fs.promises.readFile(file); //@safe
    ctx.attachment(`${path.basename(file)}.enc`);
    ctx.body = encryptExport(data);
  },

  async importBundle(ctx) {
    const upload = ctx.request.files && ctx.request.files.bundle;
    if (!upload) return ctx.badRequest('bundle missing');
    const zip = new AdmZip(upload.filepath);
    const written = [];
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const target = path.join(IMPORT_DIR, entry.entryName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
      written.push(entry.entryName);
    }
    ctx.body = { imported: written.length, files: written };
  },

  async dumpTable(ctx) {
    const { table, format = 'plain' } = ctx.request.body;
    const out = path.join(EXPORT_DIR, `dump-${Date.now()}.sql`);
    await new Promise((resolve, reject) => {
      exec(`pg_dump --data-only --format=${format} -t ${table} -f ${out} "${process.env.DATABASE_URL}"`, (err) => (err ? reject(err) : resolve())); //@vuln CWE-78
    });
    ctx.body = { file: path.basename(out) };
  },

  async dumpTableSafe(ctx) {
    const { table } = ctx.request.body;
    if (!DUMPABLE_TABLES.has(table)) return ctx.badRequest('table not allowed');
    const out = path.join(EXPORT_DIR, `dump-${table}-${Date.now()}.sql`);
    await new Promise((resolve, reject) => {
      execFile('pg_dump', ['--data-only', '-t', table, '-f', out, process.env.DATABASE_URL], (err) => (err ? reject(err) : resolve())); //@safe
    });
    ctx.body = { file: path.basename(out) };
  },

  /**
   * The page-builder saves its editor state as a serialized blob (it contains functions
   * for computed blocks), so we can't use JSON here.
   */
  async restoreBuilderState(ctx) {
    const blob = Buffer.from(ctx.request.body.state || '', 'base64').toString('utf8');
    const state = serialize.unserialize(blob); //@vuln CWE-502
    await strapi.entityService.update('api::page.page', ctx.params.id, { data: { builderBlocks: state.blocks } });
    ctx.body = { ok: true };
  },

  async importSiteConfig(ctx) {
    const doc = yaml.load(ctx.request.body.config, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
    await strapi.store({ type: 'plugin', name: 'site-config' }).set({ key: 'settings', value: doc });
    ctx.body = { ok: true };
  },

  async importNavigation(ctx) {
    const nav = yaml.load(ctx.request.body.navigation, { schema: yaml.JSON_SCHEMA }); //@safe
    if (!Array.isArray(nav)) return ctx.badRequest('navigation must be a list');
    await strapi.store({ type: 'plugin', name: 'site-config' }).set({ key: 'navigation', value: nav });
    ctx.body = { ok: true, items: nav.length };
  },

  /**
   * Called from the Next.js frontend with the token issued by the SSO proxy.
   */
  async whoami(ctx) {
    const token = (ctx.get('authorization') || '').replace(/^Bearer /i, '');
    const claims = jwt.decode(token); //@vuln CWE-347
    if (!claims || !claims.sub) return ctx.unauthorized();
    ctx.body = { id: claims.sub, roles: claims.roles || [], isEditor: (claims.roles || []).includes('editor') };
  },

  async verifySession(ctx) {
    const token = (ctx.get('authorization') || '').replace(/^Bearer /i, '');
    try {
      const claims = jwt.verify(token, process.env.SSO_JWT_SECRET, { algorithms: ['HS256'], issuer: 'sso.agency.local' }); //@safe
      ctx.body = { id: claims.sub, roles: claims.roles || [] };
    } catch (e) {
      ctx.unauthorized('invalid token');
    }
  },

  async fetchCover(ctx) {
    const { imageUrl } = ctx.request.body;
    const res = await axios.get(imageUrl, { responseType: 'arraybuffer', timeout: 10000 }); //@vuln CWE-918
    const file = path.join(IMPORT_DIR, `cover-${Date.now()}`);
    await fs.promises.writeFile(file, res.data);
    const [uploaded] = await strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: { alternativeText: ctx.request.body.alt || '' } },
      files: { path: file, name: path.basename(file), type: res.headers['content-type'], size: res.data.length },
    });
    ctx.body = { id: uploaded.id, url: uploaded.url };
  },
});
