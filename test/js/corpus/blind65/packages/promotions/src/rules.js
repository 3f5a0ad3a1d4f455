'use strict';

const vm = require('vm');
const crypto = require('crypto');

const COUPON_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function cartContext(cart) {
  const items = Array.isArray(cart.items) ? cart.items : [];
  return {
    subtotal: Number(cart.subtotalCents) || 0,
    itemCount: items.reduce((n, i) => n + (Number(i.quantity) || 0), 0),
    categories: [...new Set(items.map((i) => i.category))],
    firstOrder: Boolean(cart.firstOrder),
    hour: new Date().getHours(),
    weekday: new Date().getDay(),
  };
}

// Rule expressions are written by restaurant managers in the promotions screen,
// e.g. "subtotal >= 2500 && categories.includes('pizza')".
function evaluateRule(expression, cart) {
  const sandbox = { ...cartContext(cart), Math };
  return Boolean(vm.runInNewContext(expression, sandbox, { timeout: 50 }));  //@vuln CWE-94
}

function evaluateLegacyCondition(condition, cart) {
  const { subtotal, itemCount, firstOrder } = cartContext(cart);
  return eval('(' + condition + ')');  //@vuln CWE-95
}

function compileDiscount(formula) {
  const fn = new Function('subtotal', 'itemCount', 'return Math.round(' + formula + ');');  //@vuln CWE-94
  return (cart) => {
    const ctx = cartContext(cart);
    return Math.max(0, Math.min(ctx.subtotal, fn(ctx.subtotal, ctx.itemCount)));
  };
}

const COMPARATORS = {
  eq: (a, b) => a === b,
  gte: (a, b) => a >= b,
  lte: (a, b) => a <= b,
  includes: (a, b) => Array.isArray(a) && a.includes(b),
};

// Structured conditions: [{ field: "subtotal", op: "gte", value: 2500 }, ...]
function evaluateConditions(conditions, cart) {
  const ctx = cartContext(cart);
  return conditions.every(({ field, op, value }) => {
    if (!Object.prototype.hasOwnProperty.call(ctx, field)) return false;
    if (!Object.prototype.hasOwnProperty.call(COMPARATORS, op)) return false;
    return COMPARATORS[op](ctx[field], value);
  });
}

function percentOff(percent) {
  const p = Math.max(0, Math.min(100, Number(percent) || 0));
  return (cart) => Math.round((cartContext(cart).subtotal * p) / 100);
}

function generateCouponCode(prefix = 'FK') {
  let code = prefix + '-';
  for (let i = 0; i < 8; i++) {
    code += COUPON_ALPHABET[Math.floor(Math.random() * COUPON_ALPHABET.length)];  //@vuln CWE-338
  }
  return code;
}

function generateGiftCardCode() {
  let code = 'GC-';
  for (let i = 0; i < 12; i++) {
    code += COUPON_ALPHABET[crypto.randomInt(COUPON_ALPHABET.length)];  //@safe
  }
  return code;
}

function applyOverrides(target, overrides) {
  for (const key in overrides) {
    if (typeof overrides[key] === 'object' && overrides[key] !== null) {
      target[key] = target[key] || {};
      applyOverrides(target[key], overrides[key]);
    } else {
      target[key] = overrides[key];  //@vuln CWE-1321
    }
  }
  return target;
}

module.exports = {
  evaluateRule,
  evaluateLegacyCondition,
  evaluateConditions,
  compileDiscount,
  percentOff,
  generateCouponCode,
  generateGiftCardCode,
  applyOverrides,
};
