'use strict';

const { MongoClient, ObjectId } = require('mongodb');
const config = require('../common/config');
const { setPath } = require('../common/merge');

const client = new MongoClient(config.mongo.uri, { maxPoolSize: 20, appName: 'reporting-api' });
let dbPromise;

function getDb() {
  if (!dbPromise) dbPromise = client.connect().then((c) => c.db(config.mongo.db));
  return dbPromise;
}

const GROUPABLE = {
  region: '$region',
  channel: '$channel',
  month: { $dateToString: { format: '%Y-%m', date: '$createdAt' } },
  product: '$items.sku',
};

function dateOr(value, fallback) {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? fallback : d;
}

async function salesSummary({ tenantId, from, to, groupBy = 'region', filter = {} }) {
  const db = await getDb();
  const start = dateOr(from, new Date(Date.now() - 30 * 864e5));
  const end = dateOr(to, new Date());
  const pipeline = [
    { $match: { tenantId: String(tenantId), createdAt: { $gte: start, $lt: end }, ...filter } }, //@vuln CWE-943
    ...(groupBy === 'product' ? [{ $unwind: '$items' }] : []),
    { $group: { _id: GROUPABLE[groupBy] || GROUPABLE.region, revenue: { $sum: '$total' }, orders: { $sum: 1 } } }, //@safe
    { $sort: { revenue: -1 } },
    { $limit: 500 },
  ];
  return db.collection('orders').aggregate(pipeline, { maxTimeMS: 20000, allowDiskUse: true }).toArray();
}

async function customerLookup({ tenantId, email }) {
  const db = await getDb();
  const query = { tenantId: { $eq: String(tenantId) }, email: { $eq: String(email).toLowerCase() } };
  return db.collection('customers').find(query, { projection: { email: 1, name: 1, ltv: 1, orderCount: 1 } }).limit(20).toArray(); //@safe
}

// Legacy endpoint used by the Excel add-in.
async function customersByRegion(tenantId, region, minOrders) {
  const db = await getDb();
  const min = Number.parseInt(minOrders, 10) || 0;
  const query = { tenantId: String(tenantId), $where: `this.region == '${region}' && this.orderCount >= ${min}` };
  return db.collection('customers').find(query).project({ email: 1, name: 1, region: 1, orderCount: 1 }).limit(1000).toArray(); //@vuln CWE-943
}

// Analysts can supply their own scoring formula, e.g. "ltv / (orders + 1)".
async function churnScores(tenantId, formula) {
  const db = await getDb();
  const expr = formula || 'orders === 0 ? 1 : 1 / orders';
  return db.collection('customers').aggregate([
    { $match: { tenantId: String(tenantId) } },
    { $addFields: { churnScore: { $function: { body: `function(ltv, orders) { return ${expr}; }`, args: ['$ltv', '$orderCount'], lang: 'js' } } } }, //@vuln CWE-94|CWE-943
    { $sort: { churnScore: -1 } },
    { $limit: 200 },
    { $project: { email: 1, churnScore: 1 } },
  ]).toArray();
}

async function openSharedReport(token) {
  const db = await getDb();
  const shared = await db.collection('shared_reports').findOne({ token: token, expiresAt: { $gt: new Date() } }); //@vuln CWE-943
  if (!shared) return null;
  await db.collection('shared_reports').updateOne({ _id: shared._id }, { $inc: { views: 1 } });
  return { title: shared.title, tenantId: shared.tenantId, snapshot: shared.snapshot };
}

async function applyOverrides(dashboardId, tenantId, overrides) {
  if (!ObjectId.isValid(dashboardId)) return null;
  const db = await getDb();
  const dash = await db.collection('dashboards').findOne({ _id: new ObjectId(dashboardId), tenantId: String(tenantId) });
  if (!dash) return null;
  const layout = dash.layout || {};
  for (const { path: p, value } of overrides) setPath(layout, p, value);
  await db.collection('dashboards').updateOne({ _id: dash._id }, { $set: { layout, updatedAt: new Date() } });
  return { ...dash, layout };
}

async function saveTargets(tenantId, targets) {
  const db = await getDb();
  const docs = targets.filter((t) => t.region && Number.isFinite(t.amount)).map((t) => ({ tenantId: String(tenantId), region: String(t.region), amount: t.amount, importedAt: new Date() }));
  if (!docs.length) return { inserted: 0 };
  const res = await db.collection('sales_targets').insertMany(docs);
  return { inserted: res.insertedCount };
}

module.exports = { salesSummary, customerLookup, customersByRegion, churnScores, openSharedReport, applyOverrides, saveTargets };
