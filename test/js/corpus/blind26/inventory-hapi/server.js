'use strict';

const Hapi = require('@hapi/hapi');
const Joi = require('joi');
const Knex = require('knex');
const yaml = require('js-yaml');
const { Model } = require('objection');

const knex = Knex({
  client: 'mysql2',
  connection: {
    host: process.env.MYSQL_HOST || 'localhost',
    user: process.env.MYSQL_USER,
    password: process.env.MYSQL_PASSWORD,
    database: process.env.MYSQL_DATABASE || 'inventory',
  },
  pool: { min: 0, max: 8 },
});
Model.knex(knex);

class Item extends Model {
  static get tableName() {
    return 'items';
  }

  static get jsonAttributes() {
    return ['attributes'];
  }
}

const SKU = Joi.string().pattern(/^[A-Z0-9-]{4,24}$/).required();

function normaliseImported(doc) {
  const list = Array.isArray(doc && doc.items) ? doc.items : [];
  return list
    .filter((it) => it && typeof it.sku === 'string')
    .map((it) => ({ sku: it.sku.toUpperCase(), name: String(it.name || ''), qty: Number(it.qty) || 0, warehouse_code: it.warehouse || 'MAIN' }));
}

const routes = [
  {
    method: 'GET',
    path: '/items',
    handler: async (request) => {
      const { warehouse, sort = 'sku' } = request.query;
      const query = Item.query().limit(100);
      if (warehouse) query.whereRaw(`warehouse_code = '${warehouse}'`); //@vuln CWE-89
      return query.orderByRaw(sort); //@vuln CWE-89
    },
  },
  {
    method: 'GET',
    path: '/items/search',
    options: { validate: { query: Joi.object({ q: Joi.string().max(64).required() }) } },
    handler: async (request) => {
      const term = `%${request.query.q}%`;
      return Item.query().whereRaw('name LIKE ? OR description LIKE ?', [term, term]).limit(50); //@safe
    },
  },
  {
    method: 'GET',
    path: '/items/{sku}/history',
    options: { validate: { params: Joi.object({ sku: SKU }) } },
    handler: async (request) => {
      const [rows] = await knex.raw(`SELECT changed_at, delta, reason FROM stock_history WHERE sku = '${request.params.sku}' ORDER BY changed_at DESC LIMIT 200`); //@safe
      return rows;
    },
  },
  {
    method: 'GET',
    path: '/items/lookup',
    handler: async (request, h) => {
      const code = request.query.code || '';
      const item = await Item.query().findOne({ sku: code });
      if (!item) {
        return h.response(`<div class="empty">No item matches <em>${code}</em></div>`).type('text/html').code(404); //@vuln CWE-79
      }
      return item;
    },
  },
  {
    method: 'POST',
    path: '/items/adjust',
    options: {
      auth: 'session',
      validate: {
        payload: Joi.object({ sku: SKU, delta: Joi.number().integer().min(-10000).max(10000).required(), reason: Joi.string().max(200).allow('') }),
      },
    },
    handler: async (request) => {
      const { sku, delta, reason } = request.payload;
      await knex.raw('UPDATE items SET qty = qty + ? WHERE sku = ?', [delta, sku]); //@safe
      await knex('stock_history').insert({ sku, delta, reason, changed_by: request.auth.credentials.id, changed_at: knex.fn.now() });
      return { ok: true };
    },
  },
  {
    method: 'PATCH',
    path: '/items/{sku}/attributes',
    options: { auth: 'session', validate: { params: Joi.object({ sku: SKU }) } },
    handler: async (request) => {
      const item = await Item.query().findOne({ sku: request.params.sku }).throwIfNotFound();
      const attrs = item.attributes || {};
      const { group, key, value } = request.payload;
      attrs[group] = attrs[group] || {};
      attrs[group][key] = value; //@vuln CWE-1321
      await Item.query().patch({ attributes: attrs }).where('sku', item.sku);
      return attrs;
    },
  },
  {
    method: 'POST',
    path: '/items/import',
    options: { auth: 'session', payload: { parse: false, maxBytes: 2 * 1024 * 1024 } },
    handler: async (request) => {
      const doc = yaml.load(request.payload.toString('utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
      const rows = normaliseImported(doc);
      if (rows.length) await knex('items').insert(rows).onConflict('sku').merge();
      return { imported: rows.length };
    },
  },
  {
    method: 'POST',
    path: '/items/import/preview',
    options: { auth: 'session', payload: { parse: false, maxBytes: 2 * 1024 * 1024 } },
    handler: async (request) => {
      const doc = yaml.safeLoad(request.payload.toString('utf8')); //@safe
      return { items: normaliseImported(doc).slice(0, 20) };
    },
  },
];

async function init() {
  const server = Hapi.server({ port: process.env.PORT || 3001, host: '0.0.0.0', routes: { cors: { origin: ['https://backoffice.example.com'] } } });
  await server.register(require('@hapi/cookie'));
  server.auth.strategy('session', 'cookie', {
    cookie: { name: 'inv_sid', password: process.env.COOKIE_PASSWORD, path: '/', isSecure: false, isHttpOnly: true, ttl: 8 * 3600 * 1000 }, //@vuln CWE-614
    redirectTo: '/login',
    validate: async (request, session) => {
      const user = await knex('users').where({ id: session.id, active: true }).first();
      return { isValid: Boolean(user), credentials: user };
    },
  });
  server.route(routes);
  await server.start();
  console.log('inventory service running on %s', server.info.uri);
  return server;
}

if (require.main === module) init();

module.exports = { init, routes };
