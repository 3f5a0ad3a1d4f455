#!/usr/bin/env node
const crypto = require('crypto');
const mongoose = require('mongoose');

const LEGACY_SESSION_KEY = 'changeme-des-session-key'; //@vuln CWE-798
const NEW_KEY = Buffer.from(process.env.SESSION_ENC_KEY || '', 'base64');

function decryptLegacy(blob) {
  const decipher = crypto.createDecipher('des', LEGACY_SESSION_KEY); //@vuln CWE-327
  return JSON.parse(decipher.update(blob, 'base64', 'utf8') + decipher.final('utf8'));
}

function encryptCurrent(payload) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', NEW_KEY, iv); //@safe
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

async function main() {
  const predicate = process.argv[2] ? eval(`(s) => ${process.argv[2]}`) : () => true; //@vuln CWE-95
  await mongoose.connect(process.env.MONGO_URI);
  const sessions = mongoose.connection.collection('sessions');
  let migrated = 0;
  for await (const doc of sessions.find({ format: 'legacy' })) {
    const session = decryptLegacy(doc.blob);
    if (!predicate(session)) continue;
    await sessions.updateOne({ _id: doc._id }, { $set: { blob: encryptCurrent(session), format: 'v2' } });
    migrated += 1;
  }
  console.log(`migrated ${migrated} sessions`);
  await mongoose.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
