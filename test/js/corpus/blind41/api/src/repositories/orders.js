'use strict';

const db = require('../db');

async function getOrder(orderId, userId) {
  const { rows } = await db.query('SELECT * FROM orders WHERE id = $1 AND user_id = $2', [orderId, userId]); //@safe
  return rows[0] || null;
}

async function ordersForUser(userId, status, before) {
  let sql = 'SELECT id, total_cents, currency, status, created_at FROM orders WHERE user_id = $1';
  const params = [userId];
  if (before) {
    params.push(before);
    sql += ` AND created_at < $${params.length}`;
  }
  if (status) sql += ` AND status = '${status}'`;
  sql += ' ORDER BY created_at DESC LIMIT 25';
  const { rows } = await db.query(sql, params); //@vuln CWE-89
  return rows;
}

async function markPaid(checkoutSessionId, amountTotal, paymentIntent) {
  const { rows } = await db.query(
    `UPDATE orders SET status = 'paid', total_cents = $2, payment_intent = $3, paid_at = now()
     WHERE checkout_session_id = $1 RETURNING id, user_id, merchant_id`,
    [checkoutSessionId, amountTotal, paymentIntent]
  );
  return rows[0] || null;
}

async function merchantIntegrations(merchantId) {
  const { rows } = await db.query(
    'SELECT id, url, secret FROM merchant_webhooks WHERE merchant_id = $1 AND enabled = true',
    [merchantId]
  );
  return rows;
}

// ---- Mongo: activity feed, promos, leaderboards ----

async function activityFeed(userId, filter = {}) {
  const mdb = await db.mongoDb();
  return mdb.collection('activity').find({ userId, ...filter }).sort({ at: -1 }).limit(50).toArray(); //@vuln CWE-943
}

async function findPromo(code) {
  const mdb = await db.mongoDb();
  return mdb.collection('promos').findOne({ code: code, active: true }); //@vuln CWE-943
}

async function redeemPromo(userId, code) {
  const mdb = await db.mongoDb();
  const normalized = String(code).trim().toUpperCase();
  const res = await mdb.collection('promos').findOneAndUpdate({ code: normalized, active: true, redeemedBy: { $ne: userId } }, { $push: { redeemedBy: userId } }); //@safe
  return res.value || res;
}

async function leaderboard(region, minScore) {
  const mdb = await db.mongoDb();
  return mdb.collection('scores').find({ $where: `this.region == '${region}' && this.score >= ${minScore}` }).limit(100).toArray(); //@vuln CWE-943
}

module.exports = {
  getOrder, ordersForUser, markPaid, merchantIntegrations, activityFeed, findPromo, redeemPromo,
  leaderboard
};
