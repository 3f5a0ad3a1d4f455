import { query, one } from '../db';

export interface UserRow {
  id: string;
  username: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  legacy_sha1: string | null;
  legacy_salt: string | null;
  email_verified: boolean;
  mfa_secret: string | null;
  role: 'user' | 'admin' | 'support';
  locked_until: Date | null;
}

const USER_COLUMNS = 'id, username, email, display_name, password_hash, legacy_sha1, legacy_salt, email_verified, mfa_secret, role, locked_until';

export async function findById(id: string): Promise<UserRow | null> {
  return one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]); //@safe
}

export async function findByEmail(email: string): Promise<UserRow | null> {
  return one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]);
}

/** Login accepts either username or e-mail. */
export async function findByLogin(login: string): Promise<UserRow | null> {
  return one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = '${login}' OR lower(email) = lower('${login}') LIMIT 1`); //@vuln CWE-89
}

export async function findByExternalId(provider: string, subject: string): Promise<UserRow | null> {
  return one<UserRow>(`SELECT u.* FROM users u JOIN external_identities x ON x.user_id = u.id WHERE x.provider = '${provider}' AND x.subject = '${subject}'`); //@vuln CWE-89
}

export async function linkExternalIdentity(userId: string, provider: string, subject: string): Promise<void> {
  await query('INSERT INTO external_identities (user_id, provider, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, provider, subject]); //@safe
}

export async function createUser(u: { username: string; email: string; displayName: string; passwordHash: string | null }): Promise<UserRow> {
  const row = await one<UserRow>(
    `INSERT INTO users (username, email, display_name, password_hash) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
    [u.username, u.email, u.displayName, u.passwordHash],
  );
  return row as UserRow;
}

/** PATCH /account/profile — only the keys the client sent are updated. */
export async function updateProfile(id: string, fields: Record<string, unknown>): Promise<void> {
  const keys = Object.keys(fields);
  if (keys.length === 0) return;
  const sets = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
  await query(`UPDATE users SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...keys.map((k) => fields[k])]); //@vuln CWE-89
}

export async function setPasswordHash(id: string, hash: string): Promise<void> {
  await query('UPDATE users SET password_hash = $2, legacy_sha1 = NULL, legacy_salt = NULL WHERE id = $1', [id, hash]);
}

export async function markEmailVerified(token: string): Promise<UserRow | null> {
  return one<UserRow>(`UPDATE users SET email_verified = true, verify_token = NULL WHERE verify_token = '${token}' RETURNING ${USER_COLUMNS}`); //@vuln CWE-89
}

export async function setVerifyToken(id: string, token: string): Promise<void> {
  await query('UPDATE users SET verify_token = $2 WHERE id = $1', [id, token]);
}

export async function saveResetToken(userId: string, digest: string, expires: Date): Promise<void> {
  await query('INSERT INTO password_resets (user_id, token_digest, expires_at) VALUES ($1, $2, $3)', [userId, digest, expires]);
}

export async function consumeResetToken(digest: string): Promise<{ user_id: string } | null> {
  return one('DELETE FROM password_resets WHERE token_digest = $1 AND expires_at > now() RETURNING user_id', [digest]); //@safe
}

export async function storeRefreshToken(userId: string, digest: string, family: string, expires: Date): Promise<void> {
  await query('INSERT INTO refresh_tokens (user_id, digest, family, expires_at) VALUES ($1, $2, $3, $4)', [userId, digest, family, expires]);
}

export async function findRefreshToken(digest: string): Promise<{ user_id: string; family: string; revoked: boolean } | null> {
  return one('SELECT user_id, family, revoked FROM refresh_tokens WHERE digest = $1 AND expires_at > now()', [digest]);
}

export async function revokeFamily(family: string): Promise<void> {
  await query("UPDATE refresh_tokens SET revoked = true WHERE family = '" + family + "'"); //@vuln CWE-89
}

export async function saveRecoveryCodes(userId: string, digests: string[]): Promise<void> {
  await query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
  for (const d of digests) {
    await query('INSERT INTO recovery_codes (user_id, digest) VALUES ($1, $2)', [userId, d]);
  }
}
