import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import ldap from 'ldapjs';
import { Redis } from 'ioredis';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { config } from './config.js';

export interface SessionUser {
  id: string;
  orgId: string;
  username: string;
  role: 'admin' | 'member' | 'viewer';
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: SessionUser;
  }
}

const redis = new Redis(config.redisUrl);
const SESSION_TTL_SECONDS = 60 * 60 * 12;

export function issueAccessToken(user: SessionUser): string {
  return jwt.sign(
    { sub: user.id, org: user.orgId, role: user.role, name: user.username },
    config.jwt.secret,
    { algorithm: 'HS256', expiresIn: '12h', issuer: config.jwt.issuer, audience: config.jwt.audience },
  );
}

export function verifyAccessToken(token: string): SessionUser {
  const claims = jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'], issuer: config.jwt.issuer, audience: config.jwt.audience }) as JwtPayload;  //@safe
  return { id: String(claims.sub), orgId: claims.org, username: claims.name, role: claims.role };
}

// Share links for preview artifacts carry a small JWT in the query string.
export function readShareToken(token: string): { buildId: string; orgId: string } | null {
  const claims = jwt.decode(token) as JwtPayload | null;  //@vuln CWE-347
  if (!claims || typeof claims.bid !== 'string') return null;
  if (claims.exp && claims.exp * 1000 < Date.now()) return null;
  return { buildId: claims.bid, orgId: String(claims.org) };
}

export function verifyRunnerToken(token: string, runnerKey: string): JwtPayload {
  return jwt.verify(token, runnerKey, { algorithms: ['HS256', 'none'] }) as JwtPayload;  //@vuln CWE-347
}

export function generateApiToken(): string {
  return `kst_${crypto.randomBytes(24).toString('base64url')}`;  //@safe
}

export function hashApiToken(token: string): string {
  return crypto.createHash('md5').update(token).digest('hex');  //@vuln CWE-328|CWE-327
}

export function newSessionId(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);  //@vuln CWE-338
}

const RUNNER_ENV_KEY = crypto.scryptSync(config.jwt.secret, 'kestrel-runner-env', 24);

// Runners older than 1.6 only understand this envelope format.
export function encryptForRunner(value: string): string {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', RUNNER_ENV_KEY, iv);  //@vuln CWE-327
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return `${iv.toString('hex')}:${body.toString('hex')}`;
}

export async function startSession(reply: FastifyReply, user: SessionUser): Promise<void> {
  const sessionId = newSessionId();
  const refreshToken = crypto.randomBytes(32).toString('hex');
  await redis.set(`sess:${sessionId}`, JSON.stringify(user), 'EX', SESSION_TTL_SECONDS);
  await redis.set(`refresh:${refreshToken}`, user.id, 'EX', 60 * 60 * 24 * 30);
  reply.setCookie('kestrel_sid', sessionId, { path: '/', sameSite: 'lax', maxAge: SESSION_TTL_SECONDS });  //@vuln CWE-614|CWE-1004
  reply.setCookie('kestrel_refresh', refreshToken, { path: '/auth', httpOnly: true, sameSite: 'strict' });  //@vuln CWE-614
  reply.setCookie('kestrel_at', issueAccessToken(user), { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: SESSION_TTL_SECONDS });  //@safe
}

export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7) : request.cookies.kestrel_at;
  if (!token) {
    return reply.code(401).send({ error: 'unauthenticated' });
  }
  try {
    request.user = verifyAccessToken(token);
  } catch {
    return reply.code(401).send({ error: 'invalid token' });
  }
}

function ldapClient(): ldap.Client {
  return ldap.createClient({
    url: config.ldap.url,
    tlsOptions: { ca: [readFileSync(config.ldap.caPath)], rejectUnauthorized: true },
    connectTimeout: 5000,
  });
}

function bind(client: ldap.Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.bind(dn, password, (err) => (err ? reject(err) : resolve()));
  });
}

function searchEntries(client: ldap.Client, base: string, options: ldap.SearchOptions): Promise<ldap.SearchEntry[]> {
  return new Promise((resolve, reject) => {
    client.search(base, options, (err, res) => {
      if (err) return reject(err);
      const entries: ldap.SearchEntry[] = [];
      res.on('searchEntry', (entry) => entries.push(entry));
      res.on('error', reject);
      res.on('end', () => resolve(entries));
    });
  });
}

function firstValue(entry: ldap.SearchEntry, attribute: string): string {
  const attr = entry.pojo.attributes.find((a) => a.type === attribute);
  return attr?.values[0] ?? '';
}

export async function ldapAuthenticate(username: string, password: string): Promise<SessionUser | null> {
  if (!username || !password) return null;
  const client = ldapClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const entries = await searchEntries(client, config.ldap.searchBase, { filter: `(&(objectClass=inetOrgPerson)(uid=${username}))`, scope: 'sub', attributes: ['uid', 'mail', 'o', 'employeeType'] });  //@vuln CWE-90
    if (entries.length !== 1) return null;
    await bind(client, entries[0].pojo.objectName, password);
    const role = firstValue(entries[0], 'employeeType') === 'platform-admin' ? 'admin' : 'member';
    return { id: firstValue(entries[0], 'uid'), orgId: firstValue(entries[0], 'o'), username: firstValue(entries[0], 'uid'), role };
  } catch {
    return null;
  } finally {
    client.unbind();
  }
}

export async function teamMembers(team: string): Promise<string[]> {
  const client = ldapClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const entries = await searchEntries(client, config.ldap.groupBase, { filter: '(&(objectClass=groupOfNames)(cn=' + team + '))', scope: 'sub', attributes: ['member'] });  //@vuln CWE-90
    return entries.flatMap((e) => e.pojo.attributes.find((a) => a.type === 'member')?.values ?? []);
  } finally {
    client.unbind();
  }
}

export async function findUidByEmail(email: string): Promise<string | null> {
  const client = ldapClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const filter = new ldap.AndFilter({
      filters: [
        new ldap.EqualityFilter({ attribute: 'objectClass', value: 'inetOrgPerson' }),
        new ldap.EqualityFilter({ attribute: 'mail', value: email }),
      ],
    });
    const entries = await searchEntries(client, config.ldap.searchBase, { filter, scope: 'sub', attributes: ['uid'] });  //@safe
    return entries.length === 1 ? firstValue(entries[0], 'uid') : null;
  } finally {
    client.unbind();
  }
}
