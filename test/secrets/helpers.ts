import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { readRuleFiles } from '../../src/config/rule-files.js';
import type { RawFinding } from '../../src/core/types.js';
import { base62, crc32 } from '../../src/scanners/secrets/checksums.js';
import { shannonEntropy } from '../../src/scanners/secrets/entropy.js';
import { looksLikePlaceholder } from '../../scripts/eval-secrets/stopwords.mjs';
import { createSecretScanner } from '../../src/scanners/secrets/index.js';
import type { Scanner } from '../../src/scanners/scanner.js';
import { REPO_ROOT } from '../helpers/cli.js';

/** The built-in secret scanner, loaded from rules/ once per test file. */
let scanner: Promise<Scanner> | undefined;
export function builtinScanner(): Promise<Scanner> {
  scanner ??= createSecretScanner(readRuleFiles(join(REPO_ROOT, 'rules'), ['secrets'], ['secrets', 'python'], false));
  return scanner;
}

/** The detector alone, without the decode stage around it (decodeDepth 0), for tests of its inner workings. */
let detector: Promise<Scanner> | undefined;
export function builtinDetector(): Promise<Scanner> {
  detector ??= createSecretScanner(readRuleFiles(join(REPO_ROOT, 'rules'), ['secrets'], ['secrets', 'python'], false), { decodeDepth: 0 });
  return detector;
}

export async function scanText(text: string, path = 'src/app.py'): Promise<RawFinding[]> {
  return (await builtinScanner()).scan({ path, text });
}

// ---- credentials built at test time (nothing live-looking is committed)
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';

// Random values that happen to hold an allowlist stopword (`xxxx`, `fake`…) or run (`eeeeee`) are rightly not reported:
// redraw them, so a positive case is never a placeholder by chance (that made these tests flaky). Likewise an
// unlucky draw with many repeats (a 32-digit hex key under the Datadog rule's entropy bar of 3.2, once in a few
// thousand runs): redrawn unless its entropy is within 0.6 bit of what the alphabet and length allow.
export function pick(alphabet: string, n: number): string {
  const floor = Math.log2(Math.min(alphabet.length, n)) - 0.6;
  for (;;) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
    if (!looksLikePlaceholder(s) && shannonEntropy(s) >= floor) return s;
  }
}

const checksummed = (prefix: string) => {
  const random = pick(ALNUM, 30);
  return `${prefix}${random}${base62(crc32(random), 6)}`;
};
const uuid = () => {
  const h = pick(HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};
const pemLines = (der: Buffer) => der.toString('base64').match(/.{1,64}/g)!;

export const make = {
  pick,
  uuid,
  hex: (n: number) => pick(HEX, n),
  alnum: (n: number) => pick(ALNUM, n),
  password: () => `${pick(LOWER, 4)}${pick(DIGITS, 3)}${pick(UPPER, 3)}!${pick(ALNUM, 5)}`,
  // (redrawn until it clears the AWS rule's entropy bar: an unlucky draw, rightly not reported, failed a test now and then)
  awsKeyId: (): string => {
    for (;;) {
      const id = `AKIA${pick(UPPER + '234567', 16)}`;
      if (shannonEntropy(id) >= 3.2) return id;
    }
  },
  awsSecret: () => {
    // a real secret key mixes cases and digits; make sure this one does
    const s = pick(B64, 37);
    return s + 'a' + 'B' + '7';
  },
  awsSessionToken: () => `IQoJb3JpZ2luX2Vj${pick(B64, 300)}`,
  github: (kind = 'ghp') => checksummed(`${kind}_`),
  githubBadChecksum: () => {
    const t = checksummed('ghp_');
    return t.slice(0, -1) + (t.at(-1) === 'A' ? 'B' : 'A');
  },
  githubFineGrained: () => `github_pat_11${pick(UPPER + DIGITS, 20)}_${pick(ALNUM, 59)}`,
  npm: () => checksummed('npm_'),
  npmBadChecksum: () => {
    const t = checksummed('npm_');
    return t.slice(0, -1) + (t.at(-1) === 'A' ? 'B' : 'A');
  },
  openai: () => `sk-proj-${pick(B64URL, 74)}T3BlbkFJ${pick(B64URL, 74)}`,
  openaiLegacy: () => `sk-${pick(ALNUM, 20)}T3BlbkFJ${pick(ALNUM, 20)}`,
  anthropic: () => `sk-ant-api03-${pick(B64URL, 93)}AA`,
  anthropicAdmin: () => `sk-ant-admin01-${pick(B64URL, 93)}AA`,
  slackBot: () => `xoxb-${pick(DIGITS, 12)}-${pick(DIGITS, 13)}-${pick(ALNUM, 24)}`,
  slackApp: () => `xapp-1-A${pick(UPPER + DIGITS, 10)}-${pick(DIGITS, 13)}-${pick(HEX, 64)}`,
  slackWebhook: () => `https://hooks.slack.com/services/T${pick(UPPER + DIGITS, 8)}/B${pick(UPPER + DIGITS, 10)}/${pick(ALNUM, 24)}`,
  jwt: (header: object = { alg: 'HS256', typ: 'JWT' }, payload: object = { sub: pick(DIGITS, 8), iat: 1700000000 }) => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${enc(header)}.${enc(payload)}.${randomBytes(32).toString('base64url')}`;
  },
  stripe: () => `sk_live_${pick(ALNUM, 99)}`,
  stripeWebhook: () => `whsec_${pick(ALNUM, 32)}`,
  gcpApiKey: () => `AIza${pick(B64URL, 35)}`,
  gcpOauthSecret: () => `GOCSPX-${pick(B64URL, 28)}`,
  pypi: (location = 'pypi.org') => {
    const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x08]), Buffer.from(location), Buffer.from([0x02, 0x25]), randomBytes(90)]);
    return `pypi-${body.toString('base64url')}`;
  },
  azureKey: () => `${pick(B64, 86)}==`,
  twilio: () => `SK${pick(HEX, 32)}`,
  sendgrid: () => `SG.${pick(B64URL, 22)}.${pick(B64URL, 43)}`,
  mailgun: () => `key-${pick(HEX, 32)}`,
  huggingface: () => `hf_${pick(UPPER + LOWER, 34)}`,
  gitlab: () => `glpat-${pick(B64URL, 20)}`,
  digitalocean: () => `dop_v1_${pick(HEX, 64)}`,
  shopify: () => `shpat_${pick(HEX, 32)}`,
  heroku: () => `HRKU-AA${pick(B64URL, 58)}`,
  discordBot: () => `${Buffer.from(String(100000000000000000n + BigInt(randomInt(2 ** 47)))).toString('base64').replace(/=+$/, '')}.${pick(B64URL, 6)}.${pick(B64URL, 38)}`,
  discordWebhook: () => `https://discord.com/api/webhooks/${pick(DIGITS, 18)}/${pick(B64URL, 68)}`,
  telegram: () => `${1 + randomInt(8)}${pick(DIGITS, 9)}:AA${pick(B64URL, 33)}`,
  atlassian: () => `ATATT3xFfGF0${pick(B64URL, 171)}=${pick(HEX.toUpperCase(), 8)}`,
  basic: (user = 'deploy') => Buffer.from(`${user}:${pick(ALNUM, 16)}`).toString('base64'),
  sasSig: () => encodeURIComponent(randomBytes(32).toString('base64')),
  rsaKey: (): string[] => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs1', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    return ['-----BEGIN RSA PRIVATE KEY-----', ...pemLines(privateKey), '-----END RSA PRIVATE KEY-----'];
  },
  pkcs8Key: (): string[] => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'pkcs8', format: 'der' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    return ['-----BEGIN PRIVATE KEY-----', ...pemLines(privateKey), '-----END PRIVATE KEY-----'];
  },
  opensshKey: (): string[] => {
    const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), randomBytes(300)]);
    return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...body.toString('base64').match(/.{1,70}/g)!, '-----END OPENSSH PRIVATE KEY-----'];
  },
  publicKey: (): string[] => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    return publicKey.trim().split('\n');
  },
  certificate: (): string[] => ['-----BEGIN CERTIFICATE-----', ...pemLines(randomBytes(600)), '-----END CERTIFICATE-----'],
  sha256: () => pick(HEX, 64),
  sri: () => `sha512-${randomBytes(64).toString('base64')}`,
};

/** A small seeded PRNG so a failing input can be regenerated from its seed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
