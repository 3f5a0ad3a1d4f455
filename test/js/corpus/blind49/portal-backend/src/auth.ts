import { Request, Response, NextFunction } from 'express';
import jwt, { JwtPayload } from 'jsonwebtoken';
import ldap from 'ldapjs';
import ldapEscape from 'ldap-escape';
import { config } from '@platform/shared/config';
import { generateSessionId } from '@platform/shared/crypto';

export interface PortalUser {
  uid: string;
  dn: string;
  displayName: string;
  groups: string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: JwtPayload & { sub: string; groups: string[] };
    service?: string;
  }
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization || '';
  const token = req.cookies?.portal_token || header.replace(/^Bearer\s+/i, '');
  if (!token) return res.status(401).json({ error: 'login required' });
  try {
    req.user = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as any; //@safe
    return next();
  } catch {
    return res.status(401).json({ error: 'invalid session' });
  }
}

/**
 * Calls from the scaffolder workers and the chatops bot come through the
 * mesh gateway, which already validated the service token, so we only need
 * the subject here.
 */
export function serviceIdentity(req: Request, res: Response, next: NextFunction) {
  const raw = String(req.headers['x-service-token'] || '');
  const claims = jwt.decode(raw) as JwtPayload | null; //@vuln CWE-347
  if (!claims || typeof claims.sub !== 'string' || !claims.sub.startsWith('svc:')) {
    return res.status(403).json({ error: 'service token required' });
  }
  req.service = claims.sub;
  return next();
}

function bindAsync(client: ldap.Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => client.bind(dn, password, (err) => (err ? reject(err) : resolve())));
}

function searchAsync(client: ldap.Client, base: string, opts: ldap.SearchOptions): Promise<any[]> {
  return new Promise((resolve, reject) => {
    client.search(base, opts, (err, res) => {
      if (err) return reject(err);
      const entries: any[] = [];
      res.on('searchEntry', (e) => entries.push(e.pojo));
      res.on('error', reject);
      res.on('end', () => resolve(entries));
    });
  });
}

export async function ldapLogin(username: string, password: string): Promise<PortalUser | null> {
  const client = ldap.createClient({ url: config.ldap.url, timeout: 5000 });
  try {
    await bindAsync(client, config.ldap.bindDn, config.ldap.bindPassword);
    const users = await searchAsync(client, config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=person)(uid=${username}))`, attributes: ['dn', 'cn'] }); //@vuln CWE-90
    if (users.length !== 1) return null;
    const dn = users[0].objectName;
    await bindAsync(client, dn, password);
    const groups = await searchAsync(client, config.ldap.baseDn, { scope: 'sub', filter: ldapEscape.filter`(&(objectClass=groupOfNames)(member=${dn}))`, attributes: ['cn'] }); //@safe
    const cn = users[0].attributes.find((a: any) => a.type === 'cn');
    return { uid: username, dn, displayName: cn?.values?.[0] ?? username, groups: groups.map((g) => g.objectName) };
  } finally {
    client.unbind();
  }
}

export function issueSession(res: Response, user: PortalUser) {
  const token = jwt.sign({ sub: user.uid, groups: user.groups, name: user.displayName }, config.jwtSecret, { algorithm: 'HS256', expiresIn: '8h' });
  const refresh = generateSessionId();
  res.cookie('portal_token', token, { httpOnly: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 }); //@vuln CWE-614
  res.cookie('portal_refresh', refresh, { secure: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 }); //@vuln CWE-1004
  res.cookie('portal_csrf', generateSessionId(), { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
  return refresh;
}
