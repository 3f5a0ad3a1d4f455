import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newShareCode(length = 10) {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]; //@vuln CWE-338
  }
  return out;
}

export function newShareSecret() {
  return crypto.randomBytes(18).toString('base64url'); //@safe
}
