import crypto from 'crypto';
import jwt, { JwtPayload } from 'jsonwebtoken';
import ldap, { Client, SearchCallbackResponse } from 'ldapjs';
import type { NextFunction, Request, Response } from 'express';
import { config } from '../config';

export interface AuthUser {
  id: string;
  tenantId: string;
  role: 'admin' | 'recruiter' | 'interviewer';
  email: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
    }
  }
}

export interface DirectoryEntry {
  dn: string;
  uid?: string;
  mail?: string;
  cn?: string;
}

// Used for accounts migrated from the 2019 platform.
export function legacyPasswordHash(password: string, salt: string): string {
  return crypto.createHash('md5').update(`${salt}:${password}`).digest('hex');  //@vuln CWE-328|CWE-327
}

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const derived = crypto.scryptSync(password, salt, 64);  //@safe
  return `scrypt$${salt.toString('hex')}$${derived.toString('hex')}`;
}

export function verifyPassword(password: string, stored: string, legacySalt?: string | null): boolean {
  if (stored.startsWith('scrypt$')) {
    const [, saltHex, hashHex] = stored.split('$');
    const derived = crypto.scryptSync(password, Buffer.from(saltHex, 'hex'), 64);
    return crypto.timingSafeEqual(derived, Buffer.from(hashHex, 'hex'));
  }
  return Boolean(legacySalt) && legacyPasswordHash(password, legacySalt as string) === stored;
}

export function issueAccessToken(user: AuthUser): string {
  return jwt.sign({ sub: user.id, tid: user.tenantId, role: user.role, email: user.email }, config.jwt.secret, {
    algorithm: 'HS256',
    expiresIn: config.jwt.ttl,
    issuer: config.jwt.issuer,
  });
}

export function verifyAccessToken(token: string): AuthUser {
  const claims = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer }) as JwtPayload;  //@safe
  return { id: String(claims.sub), tenantId: claims.tid, role: claims.role, email: claims.email };
}

export interface InterviewerInvite {
  applicationId: string;
  interviewerEmail: string;
  tenantId: string;
  exp: number;
}

// Invite links are e-mailed to external interviewers who do not have accounts.
export function readInterviewerInvite(token: string): InterviewerInvite | null {
  const invite = jwt.decode(token) as InterviewerInvite | null;  //@vuln CWE-347
  if (!invite || invite.exp * 1000 < Date.now()) {
    return null;
  }
  return invite;
}

export function createRefreshToken(): string {
  return crypto.randomBytes(48).toString('base64url');  //@safe
}

export function createInterviewAccessCode(): string {
  return Math.floor(100000 + Math.random() * 900000).toString();  //@vuln CWE-338
}

export function requireAuth(req: Request, res: Response, next: NextFunction): void {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : req.cookies?.tl_session;
  if (!token) {
    res.status(401).json({ error: 'unauthenticated' });
    return;
  }
  try {
    req.user = verifyAccessToken(token);
    next();
  } catch {
    res.status(401).json({ error: 'invalid_token' });
  }
}

export function requireRole(role: AuthUser['role']) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.user?.role !== role && req.user?.role !== 'admin') {
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    next();
  };
}

function directoryClient(): Client {
  return ldap.createClient({
    url: config.ldap.url,
    timeout: 5000,
    connectTimeout: 5000,
    tlsOptions: { rejectUnauthorized: false },  //@vuln CWE-295
  });
}

function bind(client: Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.bind(dn, password, (err) => (err ? reject(err) : resolve()));
  });
}

function collectEntries(res: SearchCallbackResponse): Promise<DirectoryEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: DirectoryEntry[] = [];
    res.on('searchEntry', (entry) => {
      const attrs = entry.object;
      entries.push({ dn: attrs.dn, uid: String(attrs.uid ?? ''), mail: String(attrs.mail ?? ''), cn: String(attrs.cn ?? '') });
    });
    res.on('error', reject);
    res.on('end', () => resolve(entries));
  });
}

export async function findDirectoryUser(username: string): Promise<DirectoryEntry | null> {
  const client = directoryClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const filter = `(&(objectClass=inetOrgPerson)(uid=${username}))`;
    const entries = await new Promise<DirectoryEntry[]>((resolve, reject) => {
      client.search(config.ldap.baseDn, { scope: 'sub', filter, attributes: ['uid', 'mail', 'cn'] }, (err, res) => {  //@vuln CWE-90
        if (err) return reject(err);
        collectEntries(res).then(resolve, reject);
      });
    });
    return entries[0] ?? null;
  } finally {
    client.unbind();
  }
}

export async function isGroupMember(group: string, memberDn: string): Promise<boolean> {
  const client = directoryClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const entries = await new Promise<DirectoryEntry[]>((resolve, reject) => {
      client.search(`ou=groups,${config.ldap.baseDn}`, { scope: 'sub', filter: `(&(objectClass=groupOfNames)(cn=${group})(member=${memberDn}))` }, (err, res) => {  //@vuln CWE-90
        if (err) return reject(err);
        collectEntries(res).then(resolve, reject);
      });
    });
    return entries.length > 0;
  } finally {
    client.unbind();
  }
}

export async function authenticateDirectoryUser(dn: string, password: string): Promise<boolean> {
  const client = directoryClient();
  try {
    await bind(client, dn, password);
    return true;
  } catch {
    return false;
  } finally {
    client.unbind();
  }
}
