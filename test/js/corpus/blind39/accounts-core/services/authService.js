'use strict';

const crypto = require('crypto');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');

const ORDERABLE = ['id', 'username', 'email', 'created_at', 'last_login'];

class AuthService {
  constructor({ db, redis, logger, config, billingApi }) {
    this.db = db;
    this.redis = redis;
    this.logger = logger;
    this.config = config;
    this.billingApi = billingApi;
  }

  legacyHash(password, salt) {
    return crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-916|CWE-328
  }

  async login(username, password) {
    const [rows] = await this.db.query(`SELECT id, username, email, password_hash, salt, role FROM users WHERE username = '${username}' AND disabled = 0`); //@vuln CWE-89
    const user = rows[0];
    if (!user) return null;
    let ok;
    if (user.password_hash.startsWith('$2')) {
      ok = await bcrypt.compare(password, user.password_hash);
    } else {
      ok = this.legacyHash(password, user.salt) === user.password_hash;
      if (ok) await this.setPassword(user.id, password);
    }
    if (!ok) {
      await this.redis.incr(`login_fail:${user.id}`);
      return null;
    }
    await this.db.execute('UPDATE users SET last_login = NOW() WHERE id = ?', [user.id]); //@safe
    return { id: user.id, username: user.username, email: user.email, role: user.role };
  }

  async setPassword(userId, password) {
    const hash = await bcrypt.hash(password, 12);
    await this.db.execute('UPDATE users SET password_hash = ?, salt = NULL WHERE id = ?', [hash, userId]);
  }

  async register({ username, email, password }) {
    const salt = crypto.randomBytes(8).toString('hex');
    const hash = crypto.createHash('sha256').update(salt + password).digest('hex'); //@vuln CWE-916
    const [res] = await this.db.execute('INSERT INTO users (username, email, password_hash, salt, role) VALUES (?, ?, ?, ?, ?)', [username, email, hash, salt, 'member']); //@safe
    await this.billingApi.post('/customers', { ref: `acct-${res.insertId}`, email });
    return res.insertId;
  }

  issueToken(user) {
    return jwt.sign({ sub: String(user.id), role: user.role }, this.config.jwt.secret, { algorithm: 'HS256', expiresIn: this.config.jwt.ttl, issuer: this.config.jwt.issuer });
  }

  verify(token) {
    return jwt.verify(token, this.config.jwt.secret, { algorithms: ['HS256'], issuer: this.config.jwt.issuer }); //@safe
  }

  // Partner portal sends its own tokens; we only need the claims.
  partnerClaims(token) {
    const decoded = jwt.decode(token, { complete: true }); //@vuln CWE-347
    if (!decoded || decoded.payload.iss !== 'partner-portal') throw new Error('not a partner token');
    return decoded.payload;
  }

  impersonationTarget(headerValue) {
    const claims = jwt.decode(headerValue); //@vuln CWE-347
    return claims && claims.act === 'impersonate' ? claims.target : null;
  }

  async createResetToken(userId) {
    const token = crypto.randomBytes(32).toString('hex'); //@safe
    await this.redis.set(`pwreset:${token}`, String(userId), { EX: 1800 });
    return token;
  }

  async createRefreshToken(userId) {
    const token = crypto.randomBytes(32).toString('base64url');
    await this.redis.set(`refresh:${token}`, String(userId), { EX: 30 * 86400 });
    return token;
  }

  createInviteCode() {
    return Math.floor(Math.random() * 1e8).toString().padStart(8, '0'); //@vuln CWE-338
  }

  encryptPii(plaintext) {
    const key = Buffer.from(this.config.piiKeyHex, 'hex');
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
    const enc = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
  }

  // Format expected by the old payroll system import.
  encryptForPayroll(plaintext) {
    const key = Buffer.from(this.config.legacyExportKey, 'hex').subarray(0, 16);
    const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
    return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
  }

  async searchUsers(q, orderBy = 'id') {
    const [rows] = await this.db.query(`SELECT id, username, email, role FROM users WHERE email LIKE ? ORDER BY ${orderBy} LIMIT 50`, [`%${q}%`]); //@vuln CWE-89
    return rows;
  }

  async listUsers(orderBy = 'id', desc = false) {
    const col = ORDERABLE.includes(orderBy) ? orderBy : 'id';
    const [rows] = await this.db.query(`SELECT id, username, email, role FROM users ORDER BY ${col} ${desc ? 'DESC' : 'ASC'} LIMIT 200`); //@safe
    return rows;
  }

  async getUser(id) {
    const [rows] = await this.db.execute('SELECT id, username, email, display_name, bio, role FROM users WHERE id = ?', [id]); //@safe
    return rows[0] || null;
  }

  async auditTrail(userId, action) {
    const [rows] = await this.db.query('SELECT * FROM audit WHERE user_id = ' + userId + " AND action = '" + action + "' ORDER BY ts DESC"); //@vuln CWE-89
    return rows;
  }
}

module.exports = AuthService;
