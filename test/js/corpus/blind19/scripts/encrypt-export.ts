#!/usr/bin/env ts-node
import crypto from 'crypto';
import fs from 'fs';

const EXPORT_FILE = '/var/exports/marketplace/buyers.csv';
const passphrase = process.env.EXPORT_PASSPHRASE ?? '';

function encryptLegacy(data: Buffer): Buffer {
  const cipher = crypto.createCipher('des', passphrase); //@vuln CWE-327
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function encryptForPartner(data: Buffer, key: Buffer): Buffer {
  const cipher = crypto.createCipheriv('aes-256-ecb', key, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function encrypt(data: Buffer, key: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

const mode = process.argv[2] ?? 'default';
const data = fs.readFileSync(EXPORT_FILE);
const key = crypto.scryptSync(passphrase, 'mk-export-v2', 32);
const out = mode === 'legacy' ? encryptLegacy(data) : mode === 'partner' ? encryptForPartner(data, key) : encrypt(data, key);
fs.writeFileSync(`${EXPORT_FILE}.${mode}.enc`, out);
console.log(`wrote ${out.length} bytes`);
