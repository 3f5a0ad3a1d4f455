// Corporate directory lookups (ldapjs). Used by the admin console to
// cross-check employees before granting admin roles.
import ldap, { Client, SearchOptions, EqualityFilter } from 'ldapjs';

const LDAP_URL = process.env.LDAP_URL || 'ldaps://ldap.corp.example.com:636';
const BASE_DN = 'ou=people,dc=corp,dc=example,dc=com';
const BIND_DN = process.env.LDAP_BIND_DN || 'cn=idp-reader,ou=service,dc=corp,dc=example,dc=com';
const BIND_PASSWORD = process.env.LDAP_BIND_PASSWORD || 'R3ader!ldap-2022'; //@vuln CWE-798

export interface Person {
  dn: string;
  uid: string;
  mail: string;
  cn: string;
  memberOf: string[];
}

function connect(): Client {
  return ldap.createClient({ url: LDAP_URL, timeout: 5000, connectTimeout: 5000, tlsOptions: { minVersion: 'TLSv1.2' } });
}

function bind(client: Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => client.bind(dn, password, (err) => (err ? reject(err) : resolve())));
}

function search(client: Client, opts: SearchOptions): Promise<Person[]> {
  return new Promise((resolve, reject) => {
    client.search(BASE_DN, opts, (err, res) => {
      if (err) return reject(err);
      const out: Person[] = [];
      res.on('searchEntry', (entry: any) => {
        const o = entry.pojo ? Object.fromEntries(entry.pojo.attributes.map((a: any) => [a.type, a.values])) : entry.object;
        out.push({ dn: String(entry.dn), uid: [].concat(o.uid)[0], mail: [].concat(o.mail)[0], cn: [].concat(o.cn)[0], memberOf: [].concat(o.memberOf || []) });
      });
      res.on('error', reject);
      res.on('end', () => resolve(out));
    });
  });
}

export async function findPerson(uid: string): Promise<Person[]> {
  const client = connect();
  try {
    await bind(client, BIND_DN, BIND_PASSWORD);
    return await search(client, { scope: 'sub', filter: `(&(objectClass=inetOrgPerson)(uid=${uid}))`, attributes: ['uid', 'mail', 'cn', 'memberOf'] }); //@vuln CWE-90
  } finally {
    client.unbind();
  }
}

export async function findByMail(mail: string): Promise<Person[]> {
  const client = connect();
  try {
    await bind(client, BIND_DN, BIND_PASSWORD);
    return await search(client, { scope: 'sub', filter: new EqualityFilter({ attribute: 'mail', value: String(mail) }), attributes: ['uid', 'mail', 'cn', 'memberOf'] }); //@safe
  } finally {
    client.unbind();
  }
}

/** Verify a directory password by binding as the user. */
export async function checkPassword(uid: string, password: string): Promise<boolean> {
  if (!password) return false;
  const client = connect();
  try {
    await bind(client, `uid=${uid},${BASE_DN}`, password); //@vuln CWE-90
    return true;
  } catch {
    return false;
  } finally {
    client.unbind();
  }
}
