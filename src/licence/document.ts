import { createHash, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { MsoError } from '../core/errors.js';

/**
 * A signed licence: the payload and an Ed25519 signature over its canonical
 * JSON (keys sorted, no spaces). The same shape is an offline licence file
 * (kind "offline") and the online service's answer (kind "online", which adds
 * when it was validated and a hash of the key it was validated for).
 */
export const FEATURES = ['dispatch'] as const;
export type Feature = (typeof FEATURES)[number];

const isoTime = z.string().datetime({ offset: true });

export const licencePayloadSchema = z.strictObject({
  id: z.string().min(1).max(64),
  subject: z.string().max(200),
  tier: z.enum(['community', 'team', 'enterprise']),
  features: z.array(z.string().max(40)).max(20),
  issuedAt: isoTime,
  expiresAt: isoTime,
  kind: z.enum(['online', 'offline']),
  validatedAt: isoTime.optional(),
  keyHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

export type LicencePayload = z.infer<typeof licencePayloadSchema>;

export const signedLicenceSchema = z.strictObject({
  format: z.literal('mso-licence/1'),
  licence: licencePayloadSchema,
  signature: z.string().regex(/^[A-Za-z0-9+/]+=*$/).max(200),
});

export type SignedLicence = z.infer<typeof signedLicenceSchema>;

/** Canonical JSON: object keys sorted at every level, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function keyHash(key: string): string {
  return createHash('sha256').update(`mso-licence-key:${key}`).digest('hex');
}

/** Parses and verifies a signed licence; any problem is an MsoError naming it. */
export function verifySignedLicence(data: unknown, keys: KeyObject[], what: string): LicencePayload {
  const parsed = signedLicenceSchema.safeParse(data);
  if (!parsed.success) {
    throw new MsoError(`licence: ${what} is not a valid mso licence: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  }
  const message = Buffer.from(canonicalJson(parsed.data.licence), 'utf8');
  const signature = Buffer.from(parsed.data.signature, 'base64');
  const ok = keys.some((k) => {
    try {
      return verify(null, message, k, signature);
    } catch {
      return false;
    }
  });
  if (!ok) throw new MsoError(`licence: ${what} has a signature that does not verify with mso's licence key (altered, or not issued for mso)`);
  return parsed.data.licence;
}
