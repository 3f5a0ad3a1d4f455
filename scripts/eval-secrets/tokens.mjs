// Credential generators for the evaluation corpus. Every value is built at run
// time from a seeded PRNG (reproducible with --seed), so no live-looking
// literal is ever committed. The checksum code here is independent of
// src/scanners/secrets/checksums.ts on purpose: the corpus must not share the
// scanner's bugs.
import { crc32 } from 'node:zlib';
import { generateKeyPairSync } from 'node:crypto';
import { looksLikePlaceholder } from './stopwords.mjs';

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const HEX = '0123456789abcdef';
export const B64 = ALNUM + '+/';
export const B64URL = ALNUM + '-_';
const BASE62 = DIGITS + UPPER + LOWER;

/** mulberry32: small, seedable, good enough to make varied strings. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (arr) => arr[int(arr.length)];
  // Redrawn when it holds a secret-allowlist stopword by chance: a positive must not turn into a
  // placeholder at random (a run once scored recall 0.998 that way).
  const str = (alphabet, n) => {
    for (;;) {
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
      if (!looksLikePlaceholder(s)) return s;
    }
  };
  const bytes = (n) => {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = int(256);
    return b;
  };
  return { next, int, pick, str, bytes };
}

function b62(n, width) {
  let s = '';
  while (n > 0) {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s.padStart(width, '0');
}

export function makeTokens(r) {
  const checksummed = (prefix) => {
    const random = r.str(ALNUM, 30);
    return `${prefix}${random}${b62(crc32(Buffer.from(random)), 6)}`;
  };
  const b64url = (buf) => buf.toString('base64url');
  const jwt = (alg = 'HS256', extra = {}) => {
    const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const payload = { sub: r.str(DIGITS, 10), name: r.pick(['Jane Roe', 'svc-deploy', 'admin']), iat: 1700000000 + r.int(9e6), ...extra };
    return `${enc({ alg, typ: 'JWT' })}.${enc(payload)}.${b64url(r.bytes(alg.startsWith('RS') ? 256 : 32))}`;
  };
  const pemLines = (der) => der.toString('base64').match(/.{1,64}/g);
  const t = {
    awsKeyId: () => r.pick(['AKIA', 'AKIA', 'AKIA', 'ASIA']) + r.str(UPPER + '234567', 16),
    awsSecret: () => r.str(B64, 40),
    github: (kind = r.pick(['ghp', 'ghp', 'gho', 'ghu', 'ghs', 'ghr'])) => checksummed(`${kind}_`),
    githubBadChecksum: () => {
      const tok = checksummed('ghp_');
      const last = tok.at(-1) === 'A' ? 'B' : 'A';
      return tok.slice(0, -1) + last;
    },
    githubFineGrained: () => `github_pat_11${r.str(UPPER + DIGITS, 20)}_${r.str(ALNUM, 59)}`,
    npm: () => checksummed('npm_'),
    npmBadChecksum: () => {
      const tok = checksummed('npm_');
      return tok.slice(0, -2) + (tok.at(-2) === 'z' ? 'y' : 'z') + tok.at(-1);
    },
    openai: () =>
      r.pick([
        () => `sk-proj-${r.str(B64URL, 74)}T3BlbkFJ${r.str(B64URL, 74)}`,
        () => `sk-svcacct-${r.str(B64URL, 74)}T3BlbkFJ${r.str(B64URL, 74)}`,
        () => `sk-admin-${r.str(B64URL, 74)}T3BlbkFJ${r.str(B64URL, 74)}`,
        () => `sk-${r.str(ALNUM, 20)}T3BlbkFJ${r.str(ALNUM, 20)}`,
        () => `sk-proj-${r.str(B64URL, 48)}`,
      ])(),
    anthropic: () =>
      r.pick([
        () => `sk-ant-api03-${r.str(B64URL, 93)}AA`,
        () => `sk-ant-api03-${r.str(B64URL, 93)}AA`,
        () => `sk-ant-admin01-${r.str(B64URL, 93)}AA`,
      ])(),
    slack: () =>
      r.pick([
        () => `xoxb-${r.str(DIGITS, 12)}-${r.str(DIGITS, 13)}-${r.str(ALNUM, 24)}`,
        () => `xoxp-${r.str(DIGITS, 12)}-${r.str(DIGITS, 12)}-${r.str(DIGITS, 13)}-${r.str(HEX, 32)}`,
        () => `xapp-1-A${r.str(UPPER + DIGITS, 10)}-${r.str(DIGITS, 13)}-${r.str(HEX, 64)}`,
        () => `xoxe.xoxp-1-${r.str(ALNUM, 160)}`,
      ])(),
    slackWebhook: () =>
      `https://hooks.slack.com/services/T${r.str(UPPER + DIGITS, 8)}/B${r.str(UPPER + DIGITS, 10)}/${r.str(ALNUM, 24)}`,
    jwt,
    stripe: () => `${r.pick(['sk_live_', 'sk_live_', 'rk_live_', 'sk_test_'])}${r.str(ALNUM, r.pick([24, 99]))}`,
    gcpApiKey: () => `AIza${r.str(B64URL, 35)}`,
    pypi: () => {
      const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x08]), Buffer.from('pypi.org'), Buffer.from([0x02, 0x25]), r.bytes(120)]);
      return `pypi-${b64url(body)}`;
    },
    dbPassword: () => r.pick([r.str(ALNUM, 16), r.str(ALNUM, 10) + r.pick(['!', '#', '_', '-', '.']) + r.str(ALNUM, 6), 'Pg' + r.str(ALNUM, 22)]),
    password: () =>
      r.pick([
        () => r.str(ALNUM + '!#%&*_-', 18),
        () => `${r.pick(['Summer', 'Winter', 'Dragon', 'Sunshine', 'Monkey', 'Tr0ub4dor'])}${r.str(DIGITS, 4)}${r.pick(['!', '#', '$', '@'])}${r.str(ALNUM, 3)}`,
        () => `${r.str(LOWER, 5)}${r.str(DIGITS, 3)}${r.str(UPPER, 3)}${r.pick(['!', '%', '?'])}${r.str(ALNUM, 4)}`,
        () => r.str(ALNUM, 12),
      ])(),
    apiKeyHex: () => r.str(HEX, r.pick([32, 40, 64])),
    apiKeyAlnum: () => r.str(ALNUM, r.pick([24, 32, 40])),
    // Providers beyond issue 2's list
    azureStorageKey: () => r.str(B64, 86) + '==',
    twilioApiKey: () => `SK${r.str(HEX, 32)}`,
    twilioSid: () => `AC${r.str(HEX, 32)}`,
    sendgrid: () => `SG.${r.str(B64URL, 22)}.${r.str(B64URL, 43)}`,
    mailgun: () => `key-${r.str(HEX, 32)}`,
    huggingface: () => `hf_${r.str(UPPER + LOWER, 34)}`,
    gitlab: () => r.pick([() => `glpat-${r.str(B64URL, 20)}`, () => `glpat-${r.str(B64URL, 27)}.01.${r.str(LOWER + DIGITS, 9)}`])(),
    digitalocean: () => `${r.pick(['dop_v1_', 'doo_v1_', 'dor_v1_'])}${r.str(HEX, 64)}`,
    shopify: () => `${r.pick(['shpat_', 'shpss_', 'shpca_', 'shppa_'])}${r.str(HEX, 32)}`,
    heroku: () => `HRKU-AA${r.str(B64URL, 58)}`,
    herokuLegacy: () => uuid(),
    discordBot: () => `${Buffer.from(String(1e17 + r.int(9e17))).toString('base64').replace(/=+$/, '')}.${r.str(B64URL, 6)}.${r.str(B64URL, 38)}`,
    telegramBot: () => `${r.str(DIGITS, 1).replace('0', '7')}${r.str(DIGITS, 9)}:AA${r.str(B64URL, 33)}`,
    atlassian: () => `ATATT3xFfGF0${r.str(B64URL, 171)}=${r.str(HEX.toUpperCase(), 8)}`,
    datadog: () => r.str(HEX, 32),
    datadogApp: () => r.str(HEX, 40),
    // Private keys: real DER from node's key generator, PEM-wrapped
    rsaKey: () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs1', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
      return ['-----BEGIN RSA PRIVATE KEY-----', ...pemLines(privateKey), '-----END RSA PRIVATE KEY-----'];
    },
    pkcs8Key: () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
      return ['-----BEGIN PRIVATE KEY-----', ...pemLines(privateKey), '-----END PRIVATE KEY-----'];
    },
    ecKey: () => {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
      return ['-----BEGIN EC PRIVATE KEY-----', ...pemLines(privateKey), '-----END EC PRIVATE KEY-----'];
    },
    opensshKey: () => {
      const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), Buffer.from([0, 0, 0, 4]), Buffer.from('none'), Buffer.from([0, 0, 0, 4]), Buffer.from('none'), r.bytes(330)]);
      return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...body.toString('base64').match(/.{1,70}/g), '-----END OPENSSH PRIVATE KEY-----'];
    },
    publicKeyPem: () => {
      const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
      return publicKey.trim().split('\n');
    },
    certificatePem: () => ['-----BEGIN CERTIFICATE-----', ...r.bytes(600).toString('base64').match(/.{1,64}/g), '-----END CERTIFICATE-----'],
    sshPublicKey: () => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.str(B64, 43)} deploy@ci`,
    gitSha: () => r.str(HEX, 40),
    sha256: () => r.str(HEX, 64),
    sri: () => `sha512-${r.bytes(64).toString('base64')}`,
    sri384: () => `sha384-${r.bytes(48).toString('base64')}`,
    uuid,
    base64Png: () => `data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${r.bytes(180).toString('base64')}`,
  };
  function uuid() {
    const h = r.str(HEX, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  return t;
}
