import { randomBytes } from 'node:crypto';
import { looksLikePlaceholder } from '../../scripts/eval-secrets/stopwords.mjs';
import { base62, crc32 } from '../../src/scanners/secrets/checksums.js';
import { shannonEntropy } from '../../src/scanners/secrets/entropy.js';

/**
 * Realistic credentials built at test time, so the repository never holds a
 * literal live-looking token (and push protection never trips on our tests).
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * n random characters of the alphabet, redrawn if they hold a secret-allowlist stopword by chance,
 * or if they repeat characters so much that they look like no real token: below 80% of the entropy
 * n characters of that alphabet can have. The rules' entropy bars reject such draws on purpose
 * (gitleaks' too): `AKIA` and 16 random base-32 characters falls under the AWS key rule's 3.0 bits
 * about once in 2,700 draws, which made a test that expects it blocked fail as rarely.
 */
export function randomFrom(alphabet: string, n: number): string {
  const floor = 0.8 * Math.log2(Math.min(alphabet.length, n));
  for (;;) {
    const bytes = randomBytes(n * 2);
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[bytes.readUInt16BE(i * 2) % alphabet.length];
    if (!looksLikePlaceholder(out) && (n < 8 || shannonEntropy(out) >= floor)) return out;
  }
}

export const alnum = (n: number) => randomFrom(ALNUM, n);

function checksummed(prefix: string): string {
  const random = alnum(30);
  return `${prefix}${random}${base62(crc32(random), 6)}`;
}

export const tokens = {
  github: (kind: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr' = 'ghp') => checksummed(`${kind}_`),
  githubBadChecksum: () => {
    const t = checksummed('ghp_');
    const last = t.at(-1) === 'A' ? 'B' : 'A';
    return t.slice(0, -1) + last;
  },
  githubFineGrained: () => `github_pat_${alnum(22)}_${alnum(59)}`,
  npm: () => checksummed('npm_'),
  awsKeyId: () => `AKIA${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  awsSecret: () => randomFrom(ALNUM + '+/', 40),
  openaiProject: () => `sk-proj-${randomFrom(ALNUM + '-_', 74)}T3BlbkFJ${randomFrom(ALNUM + '-_', 74)}`,
  openaiLegacy: () => `sk-${alnum(20)}T3BlbkFJ${alnum(20)}`,
  anthropic: () => `sk-ant-api03-${randomFrom(ALNUM + '-_', 93)}AA`,
  slackBot: () => `xoxb-${randomFrom('0123456789', 12)}-${randomFrom('0123456789', 13)}-${alnum(24)}`,
  slackWebhook: () => `https://hooks.slack.com/services/T${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}/B${randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${alnum(24)}`,
  stripe: () => `sk_live_${alnum(99)}`,
  gcpApiKey: () => `AIza${randomFrom(ALNUM + '-_', 35)}`,
  jwt: () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: alnum(8), iat: 1700000000, name: 'x' })}.${randomBytes(32).toString('base64url')}`;
  },
  pypi: () => {
    // A macaroon-shaped blob: v2 header naming pypi.org, then random caveat bytes.
    const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x08]), Buffer.from('pypi.org'), Buffer.from([0x02, 0x25]), randomBytes(80)]);
    return `pypi-${body.toString('base64url')}`;
  },
  rsaPrivateKey: () => {
    const lines = [];
    for (let i = 0; i < 12; i++) lines.push(randomBytes(48).toString('base64'));
    return `-----BEGIN RSA PRIVATE KEY-----\n${lines.join('\n')}\n-----END RSA PRIVATE KEY-----`;
  },
};
