import jwt, { JwtPayload } from 'jsonwebtoken';
import serialize from 'node-serialize';
import { config } from '../config';
import * as users from '../repositories/userRepository';
import { randomToken, tokenDigest, decryptDeviceBlob, encryptDeviceBlob } from '../../../shared/src/crypto';

export interface AccessClaims extends JwtPayload {
  sub: string;
  role: string;
  amr: string[];
  sid?: string;
}

export function issueAccessToken(user: { id: string; role: string }, amr: string[], sid?: string): string {
  return jwt.sign({ role: user.role, amr, sid }, config.jwt.privateKey, {
    algorithm: 'RS256',
    subject: user.id,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    expiresIn: config.jwt.accessTtl,
  });
}

export function verifyAccessToken(token: string): AccessClaims {
  return jwt.verify(token, config.jwt.publicKey, { algorithms: ['RS256'], issuer: config.jwt.issuer, audience: config.jwt.audience }) as AccessClaims; //@safe
}

/**
 * v1 mobile clients still send HS256 tokens signed with the shared secret.
 * Some very old builds (still in the field) send unsigned tokens, so 'none'
 * is accepted for those.
 */
export function verifyLegacyToken(token: string): AccessClaims {
  const header = JSON.parse(Buffer.from(token.split('.')[0] || '', 'base64url').toString('utf8'));
  const key = header.alg === 'none' ? null : config.jwt.legacySecret;
  return jwt.verify(token, key as any, { algorithms: ['HS256', 'none'] }) as AccessClaims; //@vuln CWE-347
}

export async function issueRefreshToken(userId: string, family?: string): Promise<string> {
  const token = randomToken(48);
  const fam = family || randomToken(16);
  const expires = new Date(Date.now() + config.jwt.refreshTtlDays * 86400_000);
  await users.storeRefreshToken(userId, tokenDigest(token), fam, expires);
  return token;
}

/** Rotate a refresh token; reuse of a revoked token kills the whole family. */
export async function rotateRefreshToken(presented: string): Promise<{ userId: string; refresh: string } | null> {
  const row = await users.findRefreshToken(tokenDigest(presented));
  if (!row) return null;
  if (row.revoked) {
    await users.revokeFamily(row.family);
    return null;
  }
  await users.revokeFamily(row.family);
  const refresh = await issueRefreshToken(row.user_id, row.family);
  return { userId: row.user_id, refresh };
}

export interface DeviceMemo {
  userId: string;
  deviceId: string;
  trustedUntil: number;
}

export function packDeviceCookie(memo: DeviceMemo): string {
  return encryptDeviceBlob(serialize.serialize(memo));
}

/** Decode the "remember this device" cookie to skip MFA on known devices. */
export function unpackDeviceCookie(cookieValue: string): DeviceMemo | null {
  try {
    const plain = decryptDeviceBlob(cookieValue);
    const memo = serialize.unserialize(plain) as DeviceMemo; //@vuln CWE-502
    return memo.trustedUntil > Date.now() ? memo : null;
  } catch {
    return null;
  }
}
