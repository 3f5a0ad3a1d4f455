import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../../src/licence/document.js';

/**
 * For tests of the dispatch add-on (or anything behind requireLicence) that
 * run the built CLI: installs a signed offline licence in the workspace,
 * signed with a key pair made for this test process, and returns the env
 * that makes the child trust that key (a test-only preload via NODE_OPTIONS;
 * see docs/TRUST.md, "Testing the licence check"). Usage:
 *
 *   const env = testLicenceEnv(repo.dir);
 *   runCli(['dispatch', 'add rate limiting'], { cwd: repo.dir, env: { ...env, ANTHROPIC_BASE_URL: ... } });
 */
const PRELOAD = fileURLToPath(new URL('./fixtures/trust-test-key.mjs', import.meta.url));
let pair: { privateKey: KeyObject; publicPem: string } | undefined;

export function testLicenceEnv(root: string, features: string[] = ['dispatch']): NodeJS.ProcessEnv {
  if (!pair) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    pair = { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
  const now = Date.now();
  const licence = {
    id: 'LIC-TEST',
    subject: 'mso tests',
    tier: 'team',
    features,
    issuedAt: new Date(now - 86_400_000).toISOString(),
    expiresAt: new Date(now + 30 * 86_400_000).toISOString(),
    kind: 'offline',
  };
  const signature = sign(null, Buffer.from(canonicalJson(licence), 'utf8'), pair.privateKey).toString('base64');
  mkdirSync(join(root, '.mso', 'licence'), { recursive: true });
  writeFileSync(join(root, '.mso', 'licence', 'licence.json'), JSON.stringify({ format: 'mso-licence/1', licence, signature }));
  return { NODE_OPTIONS: `--import=${PRELOAD}`, MSO_TEST_LICENCE_PUBLIC_KEY: pair.publicPem };
}
