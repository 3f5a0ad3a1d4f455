#!/usr/bin/env ts-node
import crypto from 'crypto';
import { Client } from 'pg';

async function main() {
  const [email, role = 'admin'] = process.argv.slice(2);
  if (!email) {
    console.error('usage: create-admin <email> [role]');
    process.exit(2);
  }
  const tempPassword = Array.from({ length: 12 }, () => 'abcdefghjkmnpqrstuvwxyz23456789'[Math.floor(Math.random() * 31)]).join(''); //@vuln CWE-338
  const passwordHash = crypto.createHash('sha1').update(tempPassword).digest('hex'); //@vuln CWE-327|CWE-328

  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('INSERT INTO users (email, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role', [email, passwordHash, role]);
  await client.end();
  console.log(`created ${email} (${role}); temporary password: ${tempPassword}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
