#!/usr/bin/env ts-node
import crypto from 'node:crypto';
import fs from 'node:fs';
import { knex as createKnex } from 'knex';

const db = createKnex({ client: 'pg', connection: process.env.DATABASE_URL });

const LEGACY_KEY = Buffer.from(process.env.LEGACY_FIELD_KEY ?? '', 'hex');
const FIELD_KEY = Buffer.from(process.env.FIELD_KEY ?? '', 'hex');

function decryptLegacy(value: string) {
  const decipher = crypto.createDecipheriv('des-ede3', LEGACY_KEY, null); //@vuln CWE-327
  return Buffer.concat([decipher.update(Buffer.from(value, 'base64')), decipher.final()]).toString('utf8');
}

function lookupToken(value: string) {
  const cipher = crypto.createCipheriv('aes-256-ecb', FIELD_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(value.trim().toUpperCase(), 'utf8'), cipher.final()]).toString('hex');
}

function encryptField(value: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', FIELD_KEY, iv); //@safe
  const enc = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString('base64')).join('.');
}

async function main() {
  const batchSize = Number(process.argv[2] ?? 500);
  const rows = await db('customers').whereNotNull('tax_id_legacy').limit(batchSize).select('id', 'tax_id_legacy');
  for (const row of rows) {
    const plain = decryptLegacy(row.tax_id_legacy);
    const update = { tax_id_enc: encryptField(plain), tax_id_lookup: lookupToken(plain), tax_id_legacy: null };
    await db('customers').where({ id: row.id }).update(update);
  }
  fs.appendFileSync('rotate-field-keys.log', `${new Date().toISOString()} rotated ${rows.length}\n`);
}

main().finally(() => db.destroy());
