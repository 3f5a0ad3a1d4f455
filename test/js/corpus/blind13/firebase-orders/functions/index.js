const functions = require("firebase-functions");
const admin = require("firebase-admin");
const crypto = require("crypto");
const config = require("./src/config");
const reporting = require("./src/reportingRepo");
const { receiptPage, notFoundPage } = require("./src/receipt");
const { deepMerge, assignShallow } = require("./src/merge");

admin.initializeApp();
const db = admin.firestore();
const regional = functions.region(config.region);

function requireAdmin(context) {
  if (!context.auth || !context.auth.token.admin) {
    throw new functions.https.HttpsError("permission-denied", "Admin only");
  }
}

exports.receipt = regional.https.onRequest(async (req, res) => {
  const orderId = String(req.query.id || "");
  const snap = await db.collection("orders").doc(orderId).get();
  if (!snap.exists) {
    res.status(404).send(notFoundPage(orderId));
    return;
  }
  const note = req.query.note || "";
  res.set("Content-Type", "text/html; charset=utf-8");
  res.status(200).send(receiptPage({ id: snap.id, ...snap.data() }, note)); //@vuln CWE-79
});

exports.revenueReport = regional.https.onRequest(async (req, res) => {
  const { from, to, groupBy } = req.query;
  const rows = await reporting.revenueByDay({ from, to, groupBy });
  res.json({ rows });
});

exports.customerOrders = regional.https.onCall(async (data, context) => {
  if (!context.auth) {
    throw new functions.https.HttpsError("unauthenticated", "Sign in first");
  }
  return reporting.ordersForCustomer(context.auth.uid, data.limit);
});

exports.searchOrders = regional.https.onCall(async (data, context) => {
  requireAdmin(context);
  return reporting.searchOrders(String(data.term || ""), data.sort);
});

exports.exportOrders = regional.https.onCall(async (data, context) => {
  requireAdmin(context);
  const ids = Array.isArray(data.ids) ? data.ids : [];
  const count = await reporting.markExported(ids, data.batch || new Date().toISOString().slice(0, 10));
  return { count };
});

exports.updatePreferences = regional.https.onCall(async (data, context) => {
  if (!context.auth) {
    throw new functions.https.HttpsError("unauthenticated", "Sign in first");
  }
  const ref = db.collection("users").doc(context.auth.uid);
  const current = (await ref.get()).data() || {};
  const preferences = deepMerge(current.preferences || {}, data.preferences || {});
  const profile = assignShallow({ ...(current.profile || {}) }, data.profile || {});
  await ref.set({ preferences, profile }, { merge: true });
  return { preferences, profile };
});

exports.checkoutReturn = regional.https.onRequest(async (req, res) => {
  const { session, next } = req.query;
  if (session) {
    await db.collection("checkoutSessions").doc(String(session)).set({ returnedAt: Date.now() }, { merge: true });
  }
  res.redirect(302, next || "/"); //@vuln CWE-601
});

exports.checkoutCancel = regional.https.onRequest((req, res) => {
  let target;
  try {
    target = new URL(String(req.query.returnTo || "/"), "https://shop.example.com");
  } catch (e) {
    target = new URL("https://shop.example.com/");
  }
  if (target.protocol !== "https:" || !config.allowedReturnHosts.includes(target.hostname)) {
    target = new URL("https://shop.example.com/cart");
  }
  res.redirect(302, target.toString()); //@safe
});

exports.onOrderCreated = functions.firestore.document("orders/{orderId}").onCreate(async (snap, context) => {
  const order = snap.data();
  const trackingCode = Math.random().toString(36).slice(2, 10).toUpperCase(); //@vuln CWE-338
  const downloadKey = crypto.randomBytes(24).toString("hex"); //@safe
  await snap.ref.update({ trackingCode, downloadKey, status: "received" });

  if (order.notifyUrl) {
    const payload = { orderId: context.params.orderId, trackingCode, status: "received" };
    await fetch(order.notifyUrl, { //@vuln CWE-918
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  }
});
