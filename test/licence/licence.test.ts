import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { requireLicence, activateKey, activateFile, licenceStatus, deactivate } from '../../src/licence/licence.js';
import { keyHash } from '../../src/licence/document.js';
import { _removeProcessGuardForTests } from '../../src/net/guard.js';
import { tempDir } from '../helpers/git-repo.js';
import { alnum } from '../helpers/tokens.js';
import { egressLines, workspace } from '../net/workspace.js';
import { licenceServer, payload, signLicence, testKeyPair, type LicenceServer } from './licence-server.js';
import { waitFor } from '../helpers/wait.js';

const DAY = 24 * 60 * 60 * 1000;
const keys = testKeyPair();
const KEY = `MSO-TEST-${alnum(24)}`;
let server: LicenceServer;

beforeAll(async () => {
  server = await licenceServer(keys.privateKey, KEY);
});
afterAll(async () => {
  await server.close();
  _removeProcessGuardForTests();
});
beforeEach(() => {
  server.behaviour = 'ok';
  server.validatedAt = undefined;
  server.requests.length = 0;
});

function setup(mode: 'standard' | 'air-gapped' = 'standard', endpoint = server.url) {
  const root = workspace();
  writeFileSync(join(root, '.mso', 'workspace.json'), JSON.stringify({ dataResidency: { mode }, licence: { endpoint } }));
  const env = { XDG_CONFIG_HOME: tempDir() } as NodeJS.ProcessEnv;
  const warnings: string[] = [];
  // Strict: as if dispatch were not a community feature, so every licence failure shows.
  const opts = (now?: Date) => ({ publicKeys: [keys.publicKey], env, warn: (m: string) => warnings.push(m), now: now ? () => now : undefined, communityFeatures: [] });
  return { root, env, opts, warnings };
}

describe('online validation (standard workspace)', () => {
  test('without a key, dispatch is refused with what to do', async () => {
    const { root, opts } = setup();
    await expect(requireLicence(root, 'dispatch', opts())).rejects.toThrow(/mso licence activate KEY/);
    expect(server.requests).toHaveLength(0);
  });

  test('activate validates on the server; the key stays out of .mso/; later checks reuse the validation for a day', async () => {
    const { root, env, opts } = setup();
    const s = await activateKey(root, KEY, opts());
    expect(s).toMatchObject({ source: 'online', licence: { tier: 'team', features: ['dispatch'] } });
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ key: KEY, msoVersion: expect.any(String) });

    const cache = readFileSync(join(root, '.mso', 'licence', 'validation.json'), 'utf8');
    expect(cache).not.toContain(KEY);
    const keyFile = join(env.XDG_CONFIG_HOME!, 'mso', 'licence-key');
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(KEY);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    expect(readFileSync(join(root, '.mso', 'licence', '.gitignore'), 'utf8')).toMatch(/^\*$/m);

    await requireLicence(root, 'dispatch', opts(new Date(Date.now() + 2 * 60 * 60 * 1000)));
    expect(server.requests).toHaveLength(1);
    // The egress log names the purpose and host, never the key.
    await waitFor(() => egressLines(root).some((l) => l.purpose === 'licence' && l.decision === 'allowed'), 'the licence connection to be logged');
    const log = egressLines(root);
    expect(log.some((l) => l.purpose === 'licence' && l.decision === 'allowed')).toBe(true);
    expect(JSON.stringify(log)).not.toContain(KEY);
  });

  test('after a day it revalidates; with the service down, the last good validation holds for 14 days, not 15', async () => {
    const { root, opts, warnings } = setup();
    await activateKey(root, KEY, opts());
    server.behaviour = 'error';
    const s = await requireLicence(root, 'dispatch', opts(new Date(Date.now() + 13 * DAY)));
    expect(s.usingGrace).toBe(true);
    expect(warnings.join('\n')).toMatch(/grace period until/);
    expect(server.requests).toHaveLength(2);
    await expect(requireLicence(root, 'dispatch', opts(new Date(Date.now() + 15 * DAY)))).rejects.toThrow(/more than 14 days old/);
  });

  test('with the service unreachable (nothing listening), grace applies too', async () => {
    const { root, opts } = setup();
    await activateKey(root, KEY, opts());
    const dead = await licenceServer(keys.privateKey, KEY);
    const deadUrl = dead.url;
    await dead.close();
    writeFileSync(join(root, '.mso', 'workspace.json'), JSON.stringify({ licence: { endpoint: deadUrl } }));
    const s = await requireLicence(root, 'dispatch', opts(new Date(Date.now() + 3 * DAY)));
    expect(s.usingGrace).toBe(true);
  });

  test('a revoked key is refused at once and the cached validation removed', async () => {
    const { root, opts } = setup();
    await activateKey(root, KEY, opts());
    server.behaviour = 'deny';
    await expect(requireLicence(root, 'dispatch', opts(new Date(Date.now() + 2 * DAY)))).rejects.toThrow(/rejected the key \(HTTP 403\): licence revoked/);
    expect(existsSync(join(root, '.mso', 'licence', 'validation.json'))).toBe(false);
  });

  test('a tier without dispatch is refused', async () => {
    const { root, opts } = setup();
    server.behaviour = 'community';
    await activateKey(root, KEY, opts());
    await expect(requireLicence(root, 'dispatch', opts())).rejects.toThrow(/tier community\) does not include dispatch/);
  });

  test('an edited cache does not verify: mso asks the service again', async () => {
    const { root, opts } = setup();
    await activateKey(root, KEY, opts());
    const p = join(root, '.mso', 'licence', 'validation.json');
    const doc = JSON.parse(readFileSync(p, 'utf8'));
    doc.licence.validatedAt = new Date(Date.now() + 300 * DAY).toISOString();
    writeFileSync(p, JSON.stringify(doc));
    server.behaviour = 'error';
    await expect(requireLicence(root, 'dispatch', opts(new Date(Date.now() + 20 * DAY)))).rejects.toThrow(/no earlier validation/);
  });

  test('an answer signed by another key is not accepted', async () => {
    const { root, opts } = setup();
    server.behaviour = 'garbage';
    await expect(activateKey(root, KEY, opts())).rejects.toThrow(/does not verify/);
  });

  test('the package key does not trust a licence made with the test key', async () => {
    const { root, env } = setup();
    await expect(activateKey(root, KEY, { env })).rejects.toThrow(/does not verify/);
  });

  test('deactivate forgets the key and the workspace state', async () => {
    const { root, env, opts } = setup();
    await activateKey(root, KEY, opts());
    deactivate(root, env);
    expect(licenceStatus(root, opts()).source).toBe('none');
    await expect(requireLicence(root, 'dispatch', opts())).rejects.toThrow(/activate/);
  });

  test('the validation cache is bound to the key: another key does not use it', async () => {
    const { root, env, opts } = setup();
    await activateKey(root, KEY, opts());
    env.MSO_LICENCE_KEY = `MSO-OTHER-${alnum(20)}`;
    await expect(requireLicence(root, 'dispatch', opts())).rejects.toThrow(/HTTP 403/);
    expect(keyHash(KEY)).not.toBe(keyHash(env.MSO_LICENCE_KEY));
  });
});

describe('offline validation (air-gapped workspace)', () => {
  const offline = (over = {}) => signLicence(payload({ kind: 'offline', ...over }), keys.privateKey);

  test('no licence file: refused with the offline instruction, and the service is never contacted', async () => {
    const { root, env, opts } = setup('air-gapped');
    env.MSO_LICENCE_KEY = KEY;
    await expect(requireLicence(root, 'dispatch', opts())).rejects.toThrow(/air-gapped.*--file/);
    await expect(activateKey(root, KEY, opts())).rejects.toThrow(/air-gapped/);
    expect(server.requests).toHaveLength(0);
  });

  test('a signed licence file is verified locally with no network at all', async () => {
    const { root, opts } = setup('air-gapped', 'https://licence.example.invalid');
    const transport = jest.fn<typeof fetch>(() => {
      throw new Error('no network in air-gapped validation');
    });
    activateFile(root, offline(), opts());
    const s = await requireLicence(root, 'dispatch', { ...opts(), transport });
    expect(s).toMatchObject({ source: 'offline-file', mode: 'air-gapped', licence: { tier: 'team' } });
    expect(transport).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  test.each([
    ['expired', () => offline({ expiresAt: new Date(Date.now() - DAY).toISOString() }), /expired/],
    ['without dispatch', () => offline({ tier: 'community', features: [] }), /does not include dispatch/],
    ['altered after signing', () => ({ ...offline(), licence: { ...offline().licence, tier: 'enterprise' } }), /does not verify/],
    ['an online validation', () => signLicence(payload({ kind: 'online' }), keys.privateKey), /not an offline licence/],
    ['not a licence', () => ({ hello: 'world' }), /not a valid mso licence/],
  ])('a licence file that is %s is refused', async (_what, make, message) => {
    const { root, opts } = setup('air-gapped');
    writeFileSync(join(root, '.mso', 'workspace.json'), JSON.stringify({ dataResidency: { mode: 'air-gapped' } }));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(root, '.mso', 'licence'), { recursive: true });
    writeFileSync(join(root, '.mso', 'licence', 'licence.json'), JSON.stringify(make()));
    await expect(requireLicence(root, 'dispatch', opts())).rejects.toThrow(message);
  });
});

describe('the community tier (default: dispatch works without a licence)', () => {
  const community = (env: NodeJS.ProcessEnv, warnings: string[], now?: Date) => ({ publicKeys: [keys.publicKey], env, warn: (m: string) => warnings.push(m), now: now ? () => now : undefined });

  test.each(['standard', 'air-gapped'] as const)('%s workspace with no licence: community tier, nothing checked, nothing sent', async (mode) => {
    const { root, env, warnings } = setup(mode);
    const s = await requireLicence(root, 'dispatch', community(env, warnings));
    expect(s).toMatchObject({ source: 'community', tier: 'community', mode });
    expect(warnings).toEqual([]);
    expect(server.requests).toHaveLength(0);
    expect(egressLines(root)).toEqual([]);
  });

  test('a licensed workspace runs on its tier', async () => {
    const { root, env, warnings, opts } = setup();
    await activateKey(root, KEY, opts());
    expect(await requireLicence(root, 'dispatch', community(env, warnings))).toMatchObject({ source: 'online', tier: 'team' });
  });

  test('a revoked licence falls back to the community tier with a warning, never worse than none', async () => {
    const { root, env, warnings, opts } = setup();
    await activateKey(root, KEY, opts());
    server.behaviour = 'deny';
    const s = await requireLicence(root, 'dispatch', community(env, warnings, new Date(Date.now() + 2 * DAY)));
    expect(s).toMatchObject({ source: 'community', tier: 'community' });
    expect(warnings.join('\n')).toMatch(/licence revoked.*community tier/);
  });

  test('a bad workspace configuration is still an error', async () => {
    const { root, env, warnings } = setup();
    writeFileSync(join(root, '.mso', 'workspace.json'), '{"licence": {"endpoint": "ftp://x"}}');
    await expect(requireLicence(root, 'dispatch', community(env, warnings))).rejects.toThrow(/workspace/);
  });
});
