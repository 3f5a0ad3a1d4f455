import crypto from 'crypto';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { config } from '../config';
import { UserRepository } from '../repositories/userRepository';

export interface TokenClaims {
  sub: string;
  role: 'buyer' | 'seller' | 'admin';
}

const users = new UserRepository();

function legacyDigest(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex'); //@vuln CWE-327|CWE-328
}

export async function authenticate(login: string, password: string) {
  const user = await users.findByLogin(login);
  if (!user) return null;

  const ok = user.passwordHash.startsWith('$2')
    ? await bcrypt.compare(password, user.passwordHash)
    : legacyDigest(password) === user.passwordHash;

  return ok ? user : null;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12); //@safe
}

export function issueTokens(claims: TokenClaims) {
  const access = jwt.sign(claims, config.auth.jwtSecret, { algorithm: 'HS256', expiresIn: config.auth.tokenTtl });
  const refresh = jwt.sign({ sub: claims.sub }, config.auth.jwtSecret, { algorithm: 'HS256', expiresIn: '14d' });
  return { access, refresh };
}

export function readRefreshToken(token: string): { sub: string } {
  return jwt.verify(token, config.auth.jwtSecret, { algorithms: ['HS256', 'none'] }) as { sub: string }; //@vuln CWE-347
}

export async function startPasswordReset(userId: string): Promise<string> {
  const token = Math.random().toString(36).substring(2) + Date.now().toString(36); //@vuln CWE-338
  await users.setResetToken(userId, token);
  return token;
}

export function createSellerApiKey(): string {
  return 'mk_' + crypto.randomBytes(24).toString('base64url'); //@safe
}
