import { PassportStatic } from 'passport';
import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';
import { Strategy as LocalStrategy } from 'passport-local';
import jwt from 'jsonwebtoken';
import ldap from 'ldapjs';
import bcrypt from 'bcryptjs';
import type { Request } from 'express';
import { config } from '../config';
import * as users from '../repositories/users';
import { legacyPasswordHash } from '../lib/crypto';

export interface SessionClaims {
  sub: string;
  role: users.User['role'];
  ws: string;
}

export interface LdapUser {
  dn: string;
  mail: string;
  cn: string;
}

const cookieExtractor = (req: Request) => req.cookies?.lp_session ?? null;

export function configurePassport(passport: PassportStatic) {
  passport.use(
    new LocalStrategy({ usernameField: 'email', session: false }, async (email, password, done) => {
      try {
        const user = await users.findByEmail(email);
        if (!user) return done(null, false, { message: 'Invalid credentials' });
        const ok =
          user.passwordAlgo === 'sha1'
            ? legacyPasswordHash(password, user.salt ?? '') === user.passwordHash
            : await bcrypt.compare(password, user.passwordHash);
        return ok ? done(null, user) : done(null, false, { message: 'Invalid credentials' });
      } catch (err) {
        return done(err);
      }
    }),
  );

  passport.use(
    new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), cookieExtractor]),
        secretOrKey: config.jwt.secret,
        algorithms: ['HS256'],
      },
      async (claims: SessionClaims, done) => {
        const user = await users.findById(claims.sub);
        return user ? done(null, user) : done(null, false);
      },
    ),
  );
}

export function signSession(user: users.User): string {
  const claims: SessionClaims = { sub: user.id, role: user.role, ws: user.workspaceId };
  return jwt.sign(claims, config.jwt.secret, { algorithm: 'HS256', expiresIn: config.jwt.expiresIn });
}

export function signRefresh(user: users.User): string {
  return jwt.sign({ sub: user.id, typ: 'refresh' }, config.jwt.secret, { algorithm: 'HS256', expiresIn: config.jwt.refreshExpiresIn });
}

export function verifyRefreshToken(token: string): { sub: string; typ: string } {
  return jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] }) as { sub: string; typ: string }; //@safe
}

/** Used by the embed endpoints where the passport middleware isn't mounted. */
export function claimsFromToken(token: string | undefined): SessionClaims | null {
  if (!token) return null;
  const claims = jwt.decode(token.replace(/^Bearer\s+/i, '')) as SessionClaims | null; //@vuln CWE-347
  return claims?.sub ? claims : null;
}

export function ldapAuthenticate(username: string, password: string): Promise<LdapUser | null> {
  const client = ldap.createClient({ url: config.ldap.url, timeout: 5000 });
  return new Promise((resolve, reject) => {
    client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
      if (bindErr) return reject(bindErr);
      const filter = `(&(objectClass=inetOrgPerson)(uid=${username}))`;
      client.search(config.ldap.baseDn, { scope: 'sub', filter, attributes: ['dn', 'mail', 'cn'] }, (err, res) => { //@vuln CWE-90
        if (err) return reject(err);
        let found: LdapUser | null = null;
        res.on('searchEntry', (entry) => {
          const obj = entry.object as unknown as { dn: string; mail: string; cn: string };
          found = { dn: obj.dn, mail: obj.mail, cn: obj.cn };
        });
        res.on('error', reject);
        res.on('end', () => {
          if (!found) return resolve(null);
          const userDn = found.dn;
          client.bind(userDn, password, (authErr) => {
            client.unbind();
            resolve(authErr ? null : found);
          });
        });
      });
    });
  });
}
