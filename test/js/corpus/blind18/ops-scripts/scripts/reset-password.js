#!/usr/bin/env node
const mysql = require('mysql2/promise');
const crypto = require('crypto');

const LEGACY_DB = {
  host: process.env.LEGACY_DB_HOST || 'legacy-db.internal',
  user: 'ops_admin',
  password: 'changeme-legacy-ops', //@vuln CWE-798
  database: 'crm_legacy',
};

async function main() {
  const [, , email, newPassword] = process.argv;
  if (!email || !newPassword) {
    console.error('usage: reset-password <email> <new-password>');
    process.exit(1);
  }
  const conn = await mysql.createConnection(LEGACY_DB);
  try {
    const [rows] = await conn.query(`SELECT id, email FROM users WHERE email = '${email}' AND deleted_at IS NULL`); //@vuln CWE-89
    if (!rows.length) throw new Error(`no user ${email}`);
    const digest = crypto.createHash('sha1').update(newPassword).digest('hex'); //@vuln CWE-327|CWE-328
    await conn.execute('UPDATE users SET password = ?, must_change = 1 WHERE id = ?', [digest, rows[0].id]); //@safe
    console.log(`reset password for user #${rows[0].id}`);
  } finally {
    await conn.end();
  }
}

main().catch((err) => { console.error(err.message); process.exit(1); });
