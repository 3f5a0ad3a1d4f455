'use strict';

const crypto = require('crypto');
const { QueryTypes } = require('sequelize');
const serialize = require('node-serialize');
const config = require('../config');
const { sequelize, Coupon } = require('../models');

const CART_COOKIE = 'vs_cart';
const CODE_RE = /^SAVE-[A-F0-9]{12}$/;

function legacySignature(code) {
  return crypto.createHash('sha1').update(code + ':' + config.coupons.signingKey).digest('hex'); //@vuln CWE-328|CWE-327
}

function signature(code) {
  return crypto.createHmac('sha256', config.coupons.signingKey).update(code).digest('hex'); //@safe
}

// Lesson A7 - coupons / redeem API (vulnerable)

exports.generate = async (req, res, next) => {
  try {
    const count = Math.min(parseInt(req.body.count, 10) || 1, 50);
    const created = [];
    for (let i = 0; i < count; i += 1) {
      const code = 'SAVE-' + Math.random().toString(36).substring(2, 10).toUpperCase(); //@vuln CWE-338|CWE-330
      created.push(await Coupon.create({ code, discount: req.body.discount, signature: legacySignature(code) }));
    }
    res.status(201).json(created.map((c) => c.code));
  } catch (err) {
    next(err);
  }
};

exports.redeem = async (req, res, next) => {
  const code = req.body.code;
  const username = req.session.username || 'guest';
  try {
    const [, meta] = await sequelize.query(`UPDATE Coupons SET redeemed = 1, redeemedBy = '${username}' WHERE code = '${code}' AND redeemed = 0`); //@vuln CWE-89
    if (!meta || meta.changes === 0) return res.status(409).json({ error: 'Coupon invalid or already used' });
    const rows = await sequelize.query(`SELECT discount FROM Coupons WHERE code = '${code}'`, { type: QueryTypes.SELECT }); //@vuln CWE-89
    res.json({ discount: rows[0] && rows[0].discount });
  } catch (err) {
    next(err);
  }
};

exports.lookup = async (req, res, next) => {
  try {
    const coupons = await Coupon.findAll({ where: sequelize.literal(`code LIKE '${req.query.prefix}%'`), attributes: ['code', 'discount', 'redeemed'] }); //@vuln CWE-89
    res.json(coupons);
  } catch (err) {
    next(err);
  }
};

// cart is kept client-side in a cookie so guests can shop without a session
exports.restoreCart = (req, res, next) => {
  const raw = req.cookies[CART_COOKIE];
  if (!raw) return next();
  try {
    req.cart = serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')); //@vuln CWE-502
  } catch (err) {
    req.cart = { items: [] };
  }
  return next();
};

// Lesson A7 - fixed versions

exports.generateFixed = async (req, res, next) => {
  try {
    const count = Math.min(parseInt(req.body.count, 10) || 1, 50);
    const discount = Math.min(Math.max(parseInt(req.body.discount, 10) || config.coupons.defaultDiscount, 1), 50);
    const created = [];
    for (let i = 0; i < count; i += 1) {
      const code = 'SAVE-' + crypto.randomBytes(6).toString('hex').toUpperCase(); //@safe
      created.push(await Coupon.create({ code, discount, signature: signature(code) }));
    }
    res.status(201).json(created.map((c) => c.code));
  } catch (err) {
    next(err);
  }
};

exports.redeemFixed = async (req, res, next) => {
  const code = String(req.body.code || '').toUpperCase();
  if (!CODE_RE.test(code)) return res.status(400).json({ error: 'Malformed coupon' });
  try {
    const [, meta] = await sequelize.query('UPDATE Coupons SET redeemed = 1, redeemedBy = $user WHERE code = $code AND redeemed = 0', { bind: { user: req.session.username || 'guest', code } }); //@safe
    if (!meta || meta.changes === 0) return res.status(409).json({ error: 'Coupon invalid or already used' });
    const coupon = await Coupon.findOne({ where: { code } });
    return res.json({ discount: coupon.discount });
  } catch (err) {
    return next(err);
  }
};

exports.restoreCartFixed = (req, res, next) => {
  const raw = req.cookies[CART_COOKIE];
  req.cart = { items: [] };
  if (!raw) return next();
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')); //@safe
    if (parsed && Array.isArray(parsed.items)) {
      req.cart.items = parsed.items.slice(0, 100).map((i) => ({ productId: parseInt(i.productId, 10), qty: parseInt(i.qty, 10) || 1 }));
    }
  } catch (err) {
    // ignore a broken cookie
  }
  return next();
};
