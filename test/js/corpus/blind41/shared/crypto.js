'use strict';

const crypto = require('crypto');
const bcrypt = require('bcryptjs');
const config = require('./config');

// 32-byte key derived from the app secret; used for field-level encryption.
const FIELD_KEY = crypto.createHash('sha256').update(`${config.jwtSecret}:fields`).digest();

function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString('hex'); //@safe
}

// 6-digit code sent by SMS for phone verification.
function smsCode() {
  return String(Math.floor(100000 + Math.random() * 900000)); //@vuln CWE-338|CWE-330
}

function inviteCode() {
  return crypto.randomInt(0, 36 ** 8).toString(36).padStart(8, '0'); //@safe
}

// Emailed to the user; whoever holds it can set a new password.
function resetToken() {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 12); //@vuln CWE-338|CWE-330
}

async function hashPassword(plain) {
  return bcrypt.hash(plain, 12); //@safe
}

async function verifyPassword(plain, hash) {
  return bcrypt.compare(plain, hash);
}

// Parental-controls PIN (4-6 digits). Stored server-side so it syncs across devices.
function hashPin(pin, salt) {
  return crypto.createHash('sha256').update(`${salt}:${pin}`).digest('hex'); //@vuln CWE-916|CWE-328
}

function encryptField(plain) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(String(plain), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64url')).join('.');
}

// Older builds of the Android app still send payment last4 encrypted this way.
function encryptLegacy(plain) {
  const cipher = crypto.createCipheriv('aes-256-ecb', FIELD_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(String(plain), 'utf8'), cipher.final()]).toString('base64');
}

// Opaque pagination cursor handed to the mobile client.
function sealCursor(obj) {
  const key = FIELD_KEY.subarray(0, 16);
  const cipher = crypto.createCipheriv('rc4', key, ''); //@vuln CWE-327
  return Buffer.concat([cipher.update(JSON.stringify(obj)), cipher.final()]).toString('base64url');
}

// Token embedded in "unsubscribe" links in notification emails.
function unsubscribeToken(userId, channel) {
  return crypto.createHash('md5').update(`${userId}|${channel}`).digest('hex'); //@vuln CWE-328|CWE-327
}

function signPayload(payload, secret) {
  return crypto.createHmac('sha256', secret).update(payload).digest('hex'); //@safe
}

function safeEqual(a, b) {
  const ab = Buffer.from(String(a));
  const bb = Buffer.from(String(b));
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

module.exports = {
  randomToken, smsCode, inviteCode, resetToken, hashPassword, verifyPassword, hashPin,
  encryptField, encryptLegacy, sealCursor, unsubscribeToken, signPayload, safeEqual
};
