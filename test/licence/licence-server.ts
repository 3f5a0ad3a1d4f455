import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { canonicalJson, keyHash, type LicencePayload, type SignedLicence } from '../../src/licence/document.js';
import { loopbackServer, type LoopbackServer } from '../net/workspace.js';

/** A key pair made for the tests: the package's own key has no private half anywhere. */
export function testKeyPair(): { publicKey: KeyObject; privateKey: KeyObject; publicPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey, privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

export function signLicence(payload: LicencePayload, privateKey: KeyObject): SignedLicence {
  const signature = sign(null, Buffer.from(canonicalJson(payload), 'utf8'), privateKey).toString('base64');
  return { format: 'mso-licence/1', licence: payload, signature };
}

const DAY = 24 * 60 * 60 * 1000;

export function payload(over: Partial<LicencePayload> = {}, now = new Date()): LicencePayload {
  return {
    id: 'LIC-TEST-0001',
    subject: 'Test Org',
    tier: 'team',
    features: ['dispatch'],
    issuedAt: new Date(now.getTime() - DAY).toISOString(),
    expiresAt: new Date(now.getTime() + 365 * DAY).toISOString(),
    kind: 'offline',
    ...over,
  };
}

export type Behaviour = 'ok' | 'deny' | 'error' | 'garbage' | 'community';

export interface LicenceServer extends LoopbackServer {
  behaviour: Behaviour;
  /** The validatedAt the server puts in its answers (default: now). */
  validatedAt?: Date;
}

/** A licence service on loopback speaking mso's protocol (POST /v1/licences/validate). */
export async function licenceServer(privateKey: KeyObject, validKey: string): Promise<LicenceServer> {
  const state = { behaviour: 'ok' as Behaviour, validatedAt: undefined as Date | undefined };
  const srv = await loopbackServer((req, body, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method !== 'POST' || req.url !== '/v1/licences/validate') {
      res.statusCode = 404;
      return res.end('{"error":"no such endpoint"}');
    }
    const { key } = JSON.parse(body) as { key: string };
    if (state.behaviour === 'error') {
      res.statusCode = 503;
      return res.end('{"error":"maintenance"}');
    }
    if (state.behaviour === 'garbage') return res.end(JSON.stringify(signLicence(payload({ kind: 'online' }), generateKeyPairSync('ed25519').privateKey)));
    if (state.behaviour === 'deny' || key !== validKey) {
      res.statusCode = 403;
      return res.end('{"error":"licence revoked"}');
    }
    const now = state.validatedAt ?? new Date();
    const p = payload(
      { kind: 'online', validatedAt: now.toISOString(), keyHash: keyHash(key), ...(state.behaviour === 'community' ? { tier: 'community', features: [] } : {}) },
      now,
    );
    res.end(JSON.stringify(signLicence(p, privateKey)));
  });
  return Object.defineProperties(srv as LicenceServer, {
    behaviour: { get: () => state.behaviour, set: (v: Behaviour) => (state.behaviour = v) },
    validatedAt: { get: () => state.validatedAt, set: (v: Date | undefined) => (state.validatedAt = v) },
  });
}
