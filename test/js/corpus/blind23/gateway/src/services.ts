import crypto from 'crypto';
import ldap from 'ldapjs';
import { config } from './config';

const ENC_KEY = crypto.scryptSync(config.sessionSecret, 'gw-upstream-creds', 16);

export function generateApiKey(prefix = 'gw'): string {
  let key = '';
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (let i = 0; i < 32; i++) key += alphabet[Math.floor(Math.random() * alphabet.length)]; //@vuln CWE-338|CWE-330
  return `${prefix}_${key}`;
}

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key).digest('hex'); //@safe
}

// Upstream basic-auth credentials are stored encrypted in Redis
export function sealCredential(plain: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', ENC_KEY, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function openCredential(sealed: string): string {
  const decipher = crypto.createDecipheriv('aes-128-ecb', ENC_KEY, null);
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
}

// Partner webhooks: legacy partners still verify with the old scheme
export function signWebhookLegacy(secret: string, body: string): string {
  return crypto.createHash('md5').update(secret + body).digest('hex'); //@vuln CWE-327|CWE-328
}

export function signWebhook(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('hex'); //@safe
}

function ldapClient() {
  return ldap.createClient({ url: config.ldap.url, tlsOptions: { rejectUnauthorized: false } }); //@vuln CWE-295
}

function escapeLdapFilter(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

function search(filter: string, attributes: string[]): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const client = ldapClient();
    client.bind(config.ldap.bindDn, config.ldap.bindPassword, (bindErr) => {
      if (bindErr) return reject(bindErr);
      client.search(config.ldap.baseDn, { scope: 'sub', filter, attributes }, (err, res) => {
        if (err) return reject(err);
        const out: any[] = [];
        res.on('searchEntry', (e) => out.push(e.pojo));
        res.on('error', reject);
        res.on('end', () => { client.unbind(); resolve(out); });
      });
    });
  });
}

export function findUserByUid(uid: string) {
  return search(`(&(objectClass=person)(uid=${uid}))`, ['uid', 'cn', 'mail', 'memberOf']); //@vuln CWE-90
}

export function findUsersByMail(mail: string) {
  return search(`(&(objectClass=person)(mail=${escapeLdapFilter(mail)}))`, ['uid', 'cn', 'mail']); //@safe
}

export function verifyCredentials(dn: string, password: string): Promise<boolean> {
  if (!password) return Promise.resolve(false);
  return new Promise((resolve) => {
    const client = ldapClient();
    client.bind(dn, password, (err) => {
      client.unbind();
      resolve(!err);
    });
  });
}
