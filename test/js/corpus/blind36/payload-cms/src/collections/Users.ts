import crypto from 'crypto';
import ldap from 'ldapjs';
import type { CollectionConfig, Access, FieldAccess } from 'payload/types';
import type { Response } from 'express';
import type { PayloadRequest } from 'payload/types';
import { randomCode } from '@agency/cms-common/crypto';
import { escapeLdapFilter } from '@agency/cms-common/data';

const LDAP_BASE = process.env.LDAP_BASE_DN || 'ou=people,dc=agency,dc=local';

export const isAdmin: Access = ({ req: { user } }) => Boolean(user?.roles?.includes('admin'));
const isAdminField: FieldAccess = ({ req: { user } }) => Boolean(user?.roles?.includes('admin'));
const isSelfOrAdmin: Access = ({ req: { user } }) => {
  if (!user) return false;
  if (user.roles?.includes('admin')) return true;
  return { id: { equals: user.id } };
};

function ldapClient(): Promise<ldap.Client> {
  const client = ldap.createClient({ url: process.env.LDAP_URL || 'ldaps://ldap.agency.local' });
  return new Promise((resolve, reject) => {
    client.bind(process.env.LDAP_BIND_DN, process.env.LDAP_BIND_PASSWORD, (err) => (err ? reject(err) : resolve(client)));
  });
}

function collectEntries(client: ldap.Client, resolve: (v: unknown[]) => void, reject: (e: Error) => void) {
  return (err: Error | null, res: ldap.SearchCallbackResponse) => {
    if (err) return reject(err);
    const entries: unknown[] = [];
    res.on('searchEntry', (entry) => entries.push(entry.pojo));
    res.on('error', reject);
    res.on('end', () => {
      client.unbind();
      resolve(entries);
    });
  };
}

const Users: CollectionConfig = {
  slug: 'users',
  auth: {
    tokenExpiration: 60 * 60 * 2,
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    cookies: { secure: process.env.NODE_ENV === 'production', sameSite: 'lax' },
  },
  admin: { useAsTitle: 'email' },
  access: {
    read: isSelfOrAdmin,
    create: () => true,
    update: isSelfOrAdmin,
    delete: isAdmin,
  },
  fields: [
    { name: 'name', type: 'text' },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      defaultValue: ['customer'],
      options: ['admin', 'editor', 'customer'],
      access: { create: isAdminField, update: isAdminField },
    },
    { name: 'legacyPasswordHash', type: 'text', hidden: true },
    { name: 'resetCode', type: 'text', hidden: true },
  ],
  hooks: {
    beforeChange: [
      async ({ data }) => {
        // Keep the Magento shop login working during the migration window.
        if (data.password) {
          data.legacyPasswordHash = crypto.createHash('sha1').update(data.password).digest('hex'); //@vuln CWE-916|CWE-328
        }
        return data;
      },
    ],
  },
  endpoints: [
    {
      path: '/directory/by-uid',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user?.roles?.includes('editor')) return res.status(403).json({ error: 'forbidden' });
        const uid = String(req.query.uid || '');
        const client = await ldapClient();
        const people = await new Promise((resolve, reject) => {
          client.search(LDAP_BASE, { filter: `(&(objectClass=inetOrgPerson)(uid=${uid}))`, scope: 'sub', attributes: ['cn', 'mail', 'title'], sizeLimit: 20 }, collectEntries(client, resolve, reject)); //@vuln CWE-90
        });
        return res.json({ people });
      },
    },
    {
      path: '/directory/by-email',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user?.roles?.includes('editor')) return res.status(403).json({ error: 'forbidden' });
        const email = String(req.query.email || '');
        const client = await ldapClient();
        const people = await new Promise((resolve, reject) => {
          client.search(LDAP_BASE, { filter: `(&(objectClass=inetOrgPerson)(mail=${escapeLdapFilter(email)}))`, scope: 'sub', attributes: ['cn', 'mail'], sizeLimit: 20 }, collectEntries(client, resolve, reject)); //@safe
        });
        return res.json({ people });
      },
    },
    {
      path: '/request-code',
      method: 'post',
      handler: async (req: PayloadRequest, res: Response) => {
        const email = String(req.body?.email || '').toLowerCase();
        const found = await req.payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1 });
        if (found.docs[0]) {
          const code = randomCode(6);
          await req.payload.update({ collection: 'users', id: found.docs[0].id, data: { resetCode: code } });
          await req.payload.sendEmail({ to: email, subject: 'Your login code', text: `Your code is ${code}` });
        }
        return res.json({ ok: true });
      },
    },
  ],
};

export default Users;
