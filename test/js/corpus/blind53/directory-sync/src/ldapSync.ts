// Employee directory: nightly sync from Active Directory into Postgres, plus the
// small lookup API used by the org chart and the admin console.
import express, { Request, Response } from 'express';
import path from 'path';
import { Client, Entry } from 'ldapts';
import { Pool } from 'pg';
import cron from 'node-cron';
import { escapeLdapFilter } from '@hireloop/shared/util';
import { tempPassword } from '@hireloop/shared/crypto';
import { sendInternalEmail } from '@hireloop/shared/mailer';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const LDAP_URL = process.env.LDAP_URL || 'ldaps://dc01.corp.hireloop.local:636';
const BASE_DN = 'OU=Staff,DC=corp,DC=hireloop,DC=local';
const GROUPS_DN = 'OU=Groups,DC=corp,DC=hireloop,DC=local';
const BIND_DN = 'CN=svc-hr-sync,OU=Service Accounts,DC=corp,DC=hireloop,DC=local';
const BIND_PASSWORD = process.env.LDAP_BIND_PASSWORD || 'Hr$ync-Svc-2022'; //@vuln CWE-798
const PHOTO_DIR = process.env.PHOTO_DIR || '/var/lib/hireloop/photos';
const ATTRS = ['sAMAccountName', 'displayName', 'mail', 'title', 'department', 'manager', 'employeeID', 'telephoneNumber'];

async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    url: LDAP_URL,
    timeout: 10000,
    tlsOptions: { rejectUnauthorized: false }, //@vuln CWE-295
  });
  await client.bind(BIND_DN, BIND_PASSWORD);
  try {
    return await fn(client);
  } finally {
    await client.unbind();
  }
}

function toEmployee(e: Entry) {
  return {
    username: String(e.sAMAccountName),
    name: String(e.displayName || ''),
    email: String(e.mail || ''),
    title: String(e.title || ''),
    department: String(e.department || ''),
    managerDn: String(e.manager || ''),
    employeeId: String(e.employeeID || ''),
    phone: String(e.telephoneNumber || ''),
  };
}

export async function syncDirectory(): Promise<number> {
  return withClient(async (client) => {
    const { searchEntries } = await client.search(BASE_DN, { scope: 'sub', filter: '(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))', attributes: ATTRS, paged: true }); //@safe
    const newcomers: string[] = [];
    for (const emp of searchEntries.map(toEmployee)) {
      const { rows } = await pool.query(
        `INSERT INTO employees (username, full_name, email, title, department, manager_dn, employee_id, phone, synced_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (username) DO UPDATE SET full_name = EXCLUDED.full_name, email = EXCLUDED.email, title = EXCLUDED.title,
           department = EXCLUDED.department, manager_dn = EXCLUDED.manager_dn, phone = EXCLUDED.phone, synced_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [emp.username, emp.name, emp.email, emp.title, emp.department, emp.managerDn, emp.employeeId, emp.phone],
      );
      if (rows[0].inserted && !emp.email) {
        await pool.query('UPDATE employees SET portal_password = $1, must_change_password = true WHERE username = $2', [tempPassword(), emp.username]);
        newcomers.push(emp.username);
      }
    }
    if (newcomers.length) await sendInternalEmail(['it-helpdesk@hireloop.io'], 'New staff without mailbox', newcomers.join('\n'));
    return searchEntries.length;
  });
}

export const directory = express.Router();

directory.get('/search', async (req: Request, res: Response) => {
  const q = String(req.query.q || '').trim();
  if (q.length < 2) return res.json([]);
  const people = await withClient(async (client) => {
    const { searchEntries } = await client.search(BASE_DN, { scope: 'sub', filter: `(&(objectClass=user)(|(displayName=*${q}*)(mail=*${q}*)(title=*${q}*)))`, attributes: ATTRS, sizeLimit: 50 }); //@vuln CWE-90
    return searchEntries.map(toEmployee);
  });
  res.json(people);
});

directory.get('/people/:username', async (req: Request, res: Response) => {
  const username = escapeLdapFilter(req.params.username);
  const person = await withClient(async (client) => {
    const { searchEntries } = await client.search(BASE_DN, { scope: 'sub', filter: `(&(objectClass=user)(sAMAccountName=${username}))`, attributes: ATTRS }); //@safe
    return searchEntries[0] ? toEmployee(searchEntries[0]) : null;
  });
  if (!person) return res.status(404).json({ error: 'not found' });
  res.json(person);
});

// Used by the admin console to decide who may see compensation data.
directory.get('/groups/is-member', async (req: Request, res: Response) => {
  const { group, userDn } = req.query as Record<string, string>;
  const isMember = await withClient(async (client) => {
    const { searchEntries } = await client.search(GROUPS_DN, { scope: 'one', filter: `(&(objectClass=group)(cn=${group})(member=${userDn}))`, attributes: ['cn'] }); //@vuln CWE-90
    return searchEntries.length > 0;
  });
  res.json({ isMember });
});

directory.get('/photos/:employeeId', (req: Request, res: Response) => {
  const id = req.params.employeeId;
  if (!/^\d{3,10}$/.test(id)) return res.status(400).end();
  res.sendFile(path.join(PHOTO_DIR, `${id}.jpg`)); //@safe
});

if (require.main === module) {
  const app = express();
  app.use('/directory', directory);
  app.listen(Number(process.env.PORT || 4200));
  cron.schedule('15 2 * * *', () => {
    syncDirectory().then((n) => console.log(`directory sync: ${n} entries`)).catch((e) => console.error('directory sync failed', e));
  });
}
