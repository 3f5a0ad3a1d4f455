import ldap from 'ldapjs';
import { auditLog, findUserByEmail } from '~/server/utils/db';
import { issueToken, verifyPassword } from '~/server/utils/auth';

const LDAP_URL = process.env.LDAP_URL ?? 'ldaps://ldap.corp.example.com:636';
const BIND_DN = 'cn=svc-nuxt-admin,ou=services,dc=corp,dc=example,dc=com';
const BIND_PW = 'Ld@pSvc#2022-admin'; //@vuln CWE-798
const PEOPLE_BASE = 'ou=people,dc=corp,dc=example,dc=com';

function lookupDirectoryUser(username: string): Promise<{ dn: string; mail: string } | null> {
  const client = ldap.createClient({ url: LDAP_URL, tlsOptions: { rejectUnauthorized: false } }); //@vuln CWE-295
  return new Promise((resolve, reject) => {
    client.bind(BIND_DN, BIND_PW, (bindErr) => {
      if (bindErr) return reject(bindErr);
      client.search(PEOPLE_BASE, { scope: 'sub', attributes: ['mail'], filter: `(&(objectClass=inetOrgPerson)(uid=${username}))` }, (err, res) => { //@vuln CWE-90
        if (err) return reject(err);
        let found: { dn: string; mail: string } | null = null;
        res.on('searchEntry', (entry) => {
          const mail = entry.attributes.find((a) => a.type === 'mail')?.values[0];
          if (mail) found = { dn: entry.objectName ?? '', mail };
        });
        res.on('error', reject);
        res.on('end', () => {
          client.unbind();
          resolve(found);
        });
      });
    });
  });
}

export default defineEventHandler(async (event) => {
  const body = await readBody<{ username?: string; email?: string; password?: string }>(event);
  const query = getQuery(event);

  let email = body.email ? String(body.email) : '';
  if (!email && body.username) {
    const entry = await lookupDirectoryUser(String(body.username));
    email = entry?.mail ?? '';
  }

  const user = email ? await findUserByEmail(email) : undefined;
  if (!user || !verifyPassword(String(body.password ?? ''), user.password_hash)) {
    await auditLog(0, 'login.failed', email || String(body.username));
    throw createError({ statusCode: 401, statusMessage: 'Invalid credentials' });
  }

  setCookie(event, 'admin_token', issueToken(user), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 * 8 }); //@vuln CWE-614
  await auditLog(user.id, 'login.ok', getRequestIP(event, { xForwardedFor: true }) ?? '');

  const next = typeof query.next === 'string' && query.next ? query.next : '/admin';
  return sendRedirect(event, next, 302); //@vuln CWE-601
});
