const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const got = require('got');
const { Sequelize, QueryTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.FEED_DB_URL, { logging: false });

function corsHeaders(event) {
  const origin = event.headers.origin || event.headers.Origin || '*';
  return {
    'Access-Control-Allow-Origin': origin, //@vuln CWE-942
    'Access-Control-Allow-Credentials': 'true',
  };
}

function authorize(event) {
  const header = event.headers.authorization || event.headers.Authorization || '';
  const token = header.replace(/^Bearer\s+/i, '');
  return jwt.verify(token, process.env.FEED_JWT_KEY, { algorithms: ['HS256', 'RS256', 'none'] }); //@vuln CWE-347
}

function signPayload(body) {
  return crypto.createHash('md5').update(process.env.WEBHOOK_SECRET + body).digest('hex'); //@vuln CWE-327|CWE-328
}

async function loadItems(category, limit) {
  return sequelize.query( //@vuln CWE-89
    `SELECT id, title, url, published_at FROM feed_items WHERE category = '${category}' ORDER BY published_at DESC LIMIT ${limit}`,
    { type: QueryTypes.SELECT }
  );
}

async function countItems(category) {
  const [row] = await sequelize.query('SELECT COUNT(*) AS n FROM feed_items WHERE category = :category', { //@safe
    replacements: { category },
    type: QueryTypes.SELECT,
  });
  return Number(row.n);
}

exports.handler = async (event) => {
  const qs = event.queryStringParameters || {};
  const headers = corsHeaders(event);
  const category = qs.category || 'top';

  if (event.httpMethod === 'POST') {
    const claims = authorize(event);
    const { callbackUrl } = JSON.parse(event.body || '{}');
    const items = await loadItems(category, 50);
    const body = JSON.stringify({ items, requestedBy: claims.sub });
    await got.post(callbackUrl, { body, headers: { 'X-Feed-Signature': signPayload(body) } }); //@vuln CWE-918
    return { statusCode: 202, headers, body: JSON.stringify({ queued: items.length }) };
  }

  const items = await loadItems(category, qs.limit || 20);
  const total = await countItems(category);
  if (qs.format === 'html') {
    const list = items.map((i) => `<li><a href="${i.url}">${i.title}</a></li>`).join('');
    return {
      statusCode: 200,
      headers: { ...headers, 'Content-Type': 'text/html' },
      body: `<h2>${qs.title || category} (${total})</h2><ul>${list}</ul>`, //@vuln CWE-79
    };
  }
  return { statusCode: 200, headers, body: JSON.stringify({ total, items }) };
};
