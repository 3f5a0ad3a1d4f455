import fs from 'node:fs';
import { Client } from 'ldapts';
import { QueryTypes, Sequelize } from 'sequelize';
import { config } from '../config';

export interface DirectoryEntry {
  uid: string;
  cn: string;
  title?: string;
  department?: string;
  mail?: string;
}

const ATTRIBUTES = ['uid', 'cn', 'title', 'departmentNumber', 'mail'];

const staffDb = new Sequelize(config.staffDb.database, config.staffDb.user, config.staffDb.password ?? '', {
  host: config.staffDb.host,
  dialect: 'mssql',
  logging: false,
  dialectOptions: {
    options: {
      encrypt: true,
      trustServerCertificate: false,
    },
  },
});

function ldapClient(): Client {
  return new Client({
    url: config.ldap.url,
    timeout: 5000,
    tlsOptions: { ca: [fs.readFileSync(config.ldap.caFile)], rejectUnauthorized: true },
  });
}

function toEntry(raw: Record<string, unknown>): DirectoryEntry {
  return {
    uid: String(raw.uid ?? ''),
    cn: String(raw.cn ?? ''),
    title: raw.title ? String(raw.title) : undefined,
    department: raw.departmentNumber ? String(raw.departmentNumber) : undefined,
    mail: raw.mail ? String(raw.mail) : undefined,
  };
}

export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\u0000]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export async function findClinician(username: string): Promise<DirectoryEntry | null> {
  const client = ldapClient();
  try {
    await client.bind(config.ldap.bindDn, config.ldap.bindPassword);
    const filter = `(&(objectClass=inetOrgPerson)(uid=${escapeFilterValue(username)}))`;
    const { searchEntries } = await client.search(config.ldap.baseDn, { scope: 'sub', filter, attributes: ATTRIBUTES });  //@safe
    return searchEntries.length ? toEntry(searchEntries[0]) : null;
  } finally {
    await client.unbind();
  }
}

export async function searchClinicians(name: string, department?: string): Promise<DirectoryEntry[]> {
  const client = ldapClient();
  try {
    await client.bind(config.ldap.bindDn, config.ldap.bindPassword);
    const deptClause = department ? `(departmentNumber=${department})` : '';
    const { searchEntries } = await client.search(config.ldap.baseDn, {  //@vuln CWE-90
      scope: 'sub',
      filter: `(&(objectClass=inetOrgPerson)${deptClause}(|(cn=*${name}*)(sn=${name}*)))`,
      attributes: ATTRIBUTES,
      sizeLimit: 50,
    });
    return searchEntries.map(toEntry);
  } finally {
    await client.unbind();
  }
}

export async function isGroupMember(username: string, group: string): Promise<boolean> {
  const client = ldapClient();
  try {
    await client.bind(config.ldap.bindDn, config.ldap.bindPassword);
    const filter = '(&(objectClass=posixGroup)(cn=' + group + ')(memberUid=' + username + '))';
    const { searchEntries } = await client.search(config.ldap.groupsDn, { scope: 'one', filter, attributes: ['cn'] });  //@vuln CWE-90
    return searchEntries.length > 0;
  } finally {
    await client.unbind();
  }
}

export interface StaffRecord {
  staff_id: number;
  display_name: string;
  npi: string;
  department: string;
}

export async function findStaffByNpi(npi: string): Promise<StaffRecord | undefined> {
  const rows = await staffDb.query<StaffRecord>(  //@safe
    'SELECT staff_id, display_name, npi, department FROM dbo.Staff WHERE npi = :npi AND active = 1',
    { replacements: { npi }, type: QueryTypes.SELECT },
  );
  return rows[0];
}

export async function searchStaff(department: string, term: string): Promise<StaffRecord[]> {
  return staffDb.query<StaffRecord>(  //@vuln CWE-89
    `SELECT TOP 50 staff_id, display_name, npi, department FROM dbo.Staff
      WHERE department = '${department}' AND display_name LIKE '%${term}%' AND active = 1`,
    { type: QueryTypes.SELECT },
  );
}
