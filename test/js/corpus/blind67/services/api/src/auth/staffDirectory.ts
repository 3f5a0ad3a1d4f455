import fs from 'fs';
import ldap, { Client, SearchOptions } from 'ldapjs';
import { config } from '../config';

export interface StaffMember {
  dn: string;
  uid: string;
  displayName: string;
  mail: string;
}

function createClient(): Client {
  return ldap.createClient({
    url: config.ldap.url,
    tlsOptions: { ca: [fs.readFileSync(config.ldap.caCertPath)] },
    timeout: 5000,
    connectTimeout: 5000,
  });
}

function bind(client: Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.bind(dn, password, (err) => (err ? reject(err) : resolve()));
  });
}

function collect(client: Client, base: string, options: SearchOptions): Promise<ldap.SearchEntry[]> {
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

function toStaff(entry: ldap.SearchEntry): StaffMember {
  const attr = (name: string) => String(entry.attributes.find((a) => a.type === name)?.values[0] ?? '');
  return { dn: entry.dn.toString(), uid: attr('uid'), displayName: attr('displayName'), mail: attr('mail') };
}

export async function authenticateStaff(username: string, password: string): Promise<StaffMember | null> {
  const client = createClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const filter = new ldap.AndFilter({
      filters: [
        new ldap.EqualityFilter({ attribute: 'objectClass', value: 'inetOrgPerson' }),
        new ldap.EqualityFilter({ attribute: 'uid', value: username }),
      ],
    });
    const entries = await collect(client, config.ldap.staffBaseDn, { scope: 'sub', filter, attributes: ['uid', 'displayName', 'mail'] });  //@safe
    if (entries.length !== 1) return null;
    const staff = toStaff(entries[0]);
    await bind(client, staff.dn, password);
    return staff;
  } catch {
    return null;
  } finally {
    client.unbind();
  }
}

export async function searchStaff(query: string): Promise<StaffMember[]> {
  const client = createClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const filter = `(&(objectClass=inetOrgPerson)(|(uid=${query}*)(displayName=*${query}*)(mail=${query}*)))`;
    const entries = await collect(client, config.ldap.staffBaseDn, { scope: 'sub', filter, sizeLimit: 25 });  //@vuln CWE-90
    return entries.map(toStaff);
  } finally {
    client.unbind();
  }
}

export async function isInGroup(uid: string, group: string): Promise<boolean> {
  const client = createClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const memberDn = `uid=${uid},${config.ldap.staffBaseDn}`;
    const entries = await collect(client, config.ldap.groupBaseDn, {  //@vuln CWE-90
      scope: 'sub',
      filter: '(&(objectClass=groupOfNames)(cn=' + group + ')(member=' + memberDn + '))',
      attributes: ['cn'],
    });
    return entries.length > 0;
  } finally {
    client.unbind();
  }
}
