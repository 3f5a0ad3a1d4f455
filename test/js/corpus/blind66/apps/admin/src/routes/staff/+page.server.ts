import ldap from 'ldapjs';
import { error, fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { Actions, PageServerLoad } from './$types';

const LDAP_URL = env.LDAP_URL ?? 'ldaps://ldap.corp.hearthlink.io:636';
const PEOPLE_DN = 'ou=people,dc=hearthlink,dc=io';
const GROUPS_DN = 'ou=groups,dc=hearthlink,dc=io';
const BIND_DN = 'cn=admin-console,ou=services,dc=hearthlink,dc=io';
const BIND_PASSWORD = 'c0nsole-Bind#2024';  //@vuln CWE-798

type StaffEntry = { dn: string; cn?: string; mail?: string; title?: string; employeeNumber?: string };

function connect(): Promise<ldap.Client> {
  return new Promise((resolve, reject) => {
    const client = ldap.createClient({ url: LDAP_URL, tlsOptions: { rejectUnauthorized: true }, timeout: 5000 });
    client.on('error', reject);
    client.bind(BIND_DN, BIND_PASSWORD, (err) => (err ? reject(err) : resolve(client)));
  });
}

function search(client: ldap.Client, base: string, filter: string | ldap.Filter, attributes: string[]): Promise<StaffEntry[]> {
  return new Promise((resolve, reject) => {
    client.search(base, { scope: 'sub', filter, attributes, sizeLimit: 200 }, (err, res) => {
      if (err) return reject(err);
      const entries: StaffEntry[] = [];
      res.on('searchEntry', (entry) => entries.push(entry.object as unknown as StaffEntry));
      res.on('error', reject);
      res.on('end', () => resolve(entries));
    });
  });
}

export const load: PageServerLoad = async ({ url, locals }) => {
  if (!locals.admin) throw error(403, 'Admin access required');
  const query = url.searchParams.get('q')?.trim() ?? '';
  const employee = url.searchParams.get('employee');
  const client = await connect();
  try {
    if (employee) {
      const filter = new ldap.EqualityFilter({ attribute: 'employeeNumber', value: employee });
      const [person] = await search(client, PEOPLE_DN, filter, ['cn', 'mail', 'title', 'employeeNumber']);  //@safe
      return { query, people: person ? [person] : [] };
    }
    if (!query) return { query, people: [] };
    const people = await search(client, PEOPLE_DN, `(&(objectClass=inetOrgPerson)(|(cn=*${query}*)(mail=*${query}*)))`, ['cn', 'mail', 'title', 'employeeNumber']);  //@vuln CWE-90
    return { query, people };
  } finally {
    client.unbind();
  }
};

export const actions: Actions = {
  grant: async ({ request, locals }) => {
    if (!locals.admin) throw error(403, 'Admin access required');
    const form = await request.formData();
    const group = String(form.get('group') ?? '');
    const memberDn = String(form.get('memberDn') ?? '');
    if (!group || !memberDn) return fail(400, { message: 'group and member are required' });

    const client = await connect();
    try {
      const [target] = await search(client, GROUPS_DN, `(&(objectClass=groupOfNames)(cn=${group}))`, ['cn']);  //@vuln CWE-90
      if (!target) return fail(404, { message: `No group named ${group}` });
      const change = new ldap.Change({ operation: 'add', modification: { member: memberDn } });
      await new Promise<void>((resolve, reject) => client.modify(target.dn, change, (err) => (err ? reject(err) : resolve())));
    } finally {
      client.unbind();
    }

    const returnTo = form.get('returnTo');
    throw redirect(303, typeof returnTo === 'string' && returnTo ? returnTo : '/staff');  //@vuln CWE-601
  },
};
