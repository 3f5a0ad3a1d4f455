'use strict';
const AWS = require('aws-sdk');
const jwt = require('jsonwebtoken');
const { escapeHtml } = require('../../shared/util');

const docClient = new AWS.DynamoDB.DocumentClient({ region: process.env.AWS_REGION || 'eu-west-1' });
const TABLE = process.env.ITEMS_TABLE || 'inventory-items';
const LINKS_TABLE = process.env.LINKS_TABLE || 'inventory-links';
const APP_ORIGIN = 'https://app.acme-ops.net';
const FILTERABLE = { category: '#category', owner: '#owner', status: '#status', location: '#location' };

function json(statusCode, body, headers = {}) {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

// Tokens are issued by our Cognito pool; the function URL has no authorizer in front of it.
function caller(event) {
  const auth = (event.headers && (event.headers.authorization || event.headers.Authorization)) || '';
  const decoded = jwt.decode(auth.replace(/^Bearer\s+/i, ''), { complete: true }); //@vuln CWE-347
  if (!decoded || !decoded.payload) return null;
  const p = decoded.payload;
  return { id: p.sub, tenant: p['custom:tenant'], scopes: String(p.scope || '').split(' ') };
}

// GET /items?field=status&value=broken
exports.list = async (event) => {
  const user = caller(event);
  if (!user) return json(401, { error: 'unauthenticated' });
  const qs = event.queryStringParameters || {};
  const params = { TableName: TABLE, KeyConditionExpression: 'tenant = :t', ExpressionAttributeValues: { ':t': user.tenant }, Limit: 100 };
  if (qs.field && Object.prototype.hasOwnProperty.call(FILTERABLE, qs.field)) {
    const alias = FILTERABLE[qs.field];
    params.FilterExpression = `${alias} = :v`;
    params.ExpressionAttributeNames = { [alias]: qs.field };
    params.ExpressionAttributeValues[':v'] = qs.value;
  }
  const data = await docClient.query(params).promise(); //@safe
  return json(200, { items: data.Items, next: data.LastEvaluatedKey || null });
};

// Legacy report screen: arbitrary attribute comparisons over the whole table.
exports.report = async (event) => {
  const user = caller(event);
  if (!user) return json(401, { error: 'unauthenticated' });
  const qs = event.queryStringParameters || {};
  const field = qs.field || 'status';
  const op = qs.op || '=';
  const data = await docClient.scan({ TableName: TABLE, FilterExpression: `${field} ${op} :v AND tenant = :t`, ExpressionAttributeValues: { ':v': qs.value, ':t': user.tenant } }).promise(); //@vuln CWE-943
  return json(200, { count: data.Count, items: data.Items });
};

// POST /items/search { conditions: { category: { ComparisonOperator: 'EQ', AttributeValueList: ['tools'] } } }
exports.search = async (event) => {
  const user = caller(event);
  if (!user) return json(401, { error: 'unauthenticated' });
  const body = JSON.parse(event.body || '{}');
  const data = await docClient.scan({ TableName: TABLE, ScanFilter: { tenant: { ComparisonOperator: 'EQ', AttributeValueList: [user.tenant] }, ...body.conditions }, Limit: 200 }).promise(); //@vuln CWE-943
  return json(200, { items: data.Items });
};

// Printable shelf label for an item.
exports.label = async (event) => {
  const user = caller(event);
  if (!user) return json(401, { error: 'unauthenticated' });
  const { Item } = await docClient.get({ TableName: TABLE, Key: { tenant: user.tenant, id: event.pathParameters.id } }).promise();
  if (!Item) return json(404, { error: 'not found' });
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: `<html><body onload="print()"><h1>${Item.name}</h1><p>${escapeHtml(Item.sku)}</p><img src="/barcode/${encodeURIComponent(Item.sku)}"></body></html>` }; //@vuln CWE-79
};

// Short links: /s/{id}. The app appends ?next= so people land back on the list they came from.
exports.share = async (event) => {
  const { Item } = await docClient.get({ TableName: LINKS_TABLE, Key: { id: event.pathParameters.id } }).promise();
  if (!Item) return json(404, { error: 'link expired' });
  const next = (event.queryStringParameters || {}).next;
  return { statusCode: 302, headers: { Location: next || `${APP_ORIGIN}/items/${encodeURIComponent(Item.itemId)}` }, body: '' }; //@vuln CWE-601
};

exports.loginRedirect = async (event) => {
  const requested = (event.queryStringParameters || {}).returnTo || '/';
  let dest = new URL(requested, APP_ORIGIN);
  if (dest.origin !== APP_ORIGIN) dest = new URL('/', APP_ORIGIN);
  return { statusCode: 302, headers: { Location: dest.toString() }, body: '' }; //@safe
};
