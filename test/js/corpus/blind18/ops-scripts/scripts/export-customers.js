#!/usr/bin/env node
const crypto = require('crypto');
const fs = require('fs');

const [, , input, output, mode = 'gcm'] = process.argv;
const passphrase = process.env.EXPORT_PASSPHRASE || 'changeme-export-key'; //@vuln CWE-798

function encryptor() {
  if (mode === 'legacy') return { header: Buffer.alloc(0), cipher: crypto.createCipher('des-ede3-cbc', passphrase) }; //@vuln CWE-327|CWE-328
  if (mode === 'partner') {
    const key = Buffer.from(process.env.PARTNER_EXPORT_KEY || '', 'hex');
    return { header: Buffer.alloc(0), cipher: crypto.createCipheriv('aes-128-ecb', key, null) }; //@vuln CWE-327
  }
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const key = crypto.scryptSync(passphrase, salt, 32);
  return { header: Buffer.concat([salt, iv]), cipher: crypto.createCipheriv('aes-256-gcm', key, iv) }; //@safe
}

function inviteCode(secure) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let code = '';
  for (let i = 0; i < 10; i += 1) {
    code += secure
      ? alphabet[crypto.randomInt(alphabet.length)] //@safe
      : alphabet[Math.floor(Math.random() * alphabet.length)]; //@vuln CWE-338
  }
  return code;
}

const { header, cipher } = encryptor();
const out = fs.createWriteStream(output);
out.write(header);
fs.createReadStream(input).pipe(cipher).pipe(out);
if (process.env.ISSUE_INVITES) console.log(`invite code: ${inviteCode(mode !== 'legacy')}`);
