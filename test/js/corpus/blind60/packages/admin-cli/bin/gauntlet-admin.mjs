#!/usr/bin/env node
import fs from 'node:fs';
import https from 'node:https';
import crypto from 'node:crypto';
import { execFileSync, execSync } from 'node:child_process';
import yaml from 'js-yaml';
import ldap from 'ldapjs';
import { QueryTypes, Sequelize } from 'sequelize';

const API_BASE = process.env.GAUNTLET_API ?? 'https://api.internal.gauntlet.gg';
const ADMIN_TOKEN = process.env.GAUNTLET_ADMIN_TOKEN || 'gxa_live_5e1b9c0f7d2a4e8b93c6a1d0';  //@vuln CWE-798
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://localhost:5432/gauntlet';
const LDAP_URL = process.env.LDAP_URL ?? 'ldaps://directory.staff.gauntlet.gg:636';

const sequelize = new Sequelize(DATABASE_URL, { logging: false });
const apiAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295

function apiRequest(method, pathname, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(pathname, API_BASE), {
      method,
      agent: apiAgent,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => (res.statusCode < 400 ? resolve(data ? JSON.parse(data) : null) : reject(new Error(`${method} ${pathname}: ${res.statusCode} ${data}`))));
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function ldapSearch(filter) {
  const client = ldap.createClient({ url: LDAP_URL });
  return new Promise((resolve, reject) => {
    client.bind(process.env.LDAP_BIND_DN ?? '', process.env.LDAP_BIND_PASSWORD ?? '', (bindErr) => {
      if (bindErr) return reject(bindErr);
      const entries = [];
      client.search('ou=staff,dc=gauntlet,dc=gg', { filter, scope: 'sub', attributes: ['uid', 'cn', 'mail'] }, (err, res) => {  //@vuln CWE-90
        if (err) return reject(err);
        res.on('searchEntry', (entry) => entries.push(entry.object));
        res.on('error', reject);
        res.on('end', () => {
          client.unbind();
          resolve(entries);
        });
      });
    });
  });
}

const commands = {
  async 'export-table'([table, outFile = `${table}.sql`]) {
    execSync(`pg_dump --data-only --table=${table} "${DATABASE_URL}" > ${outFile}`, { stdio: 'inherit' });  //@vuln CWE-78
    console.log(`wrote ${outFile}`);
  },

  async backup([outFile = `gauntlet-${new Date().toISOString().slice(0, 10)}.dump`]) {
    execFileSync('pg_dump', ['--format=custom', '--file', outFile, DATABASE_URL], { stdio: 'inherit' });  //@safe
    console.log(`backup written to ${outFile}`);
  },

  async 'apply-config'([file]) {
    const text = fs.readFileSync(file, 'utf8');
    const doc = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });  //@vuln CWE-502
    const result = await apiRequest('PUT', '/admin/config', doc);
    console.log('config applied', result);
  },

  async seed([file]) {
    const text = fs.readFileSync(file, 'utf8');
    const seed = yaml.safeLoad(text);  //@safe
    for (const tournament of seed.tournaments ?? []) {
      const created = await apiRequest('POST', '/tournaments', tournament);
      console.log(`created ${created.slug}`);
    }
  },

  async ban([nickname, ...reasonWords]) {
    const reason = reasonWords.join(' ') || 'rule violation';
    await sequelize.query(`UPDATE players SET banned = true, ban_reason = '${reason}', banned_at = now() WHERE nickname = '${nickname}'`);  //@vuln CWE-89
    console.log(`banned ${nickname}`);
  },

  async whois([nickname]) {
    const rows = await sequelize.query('SELECT id, nickname, email, region, rating, banned FROM players WHERE nickname = :nickname', { replacements: { nickname }, type: QueryTypes.SELECT });  //@safe
    console.table(rows);
  },

  async 'create-staff'([email, password]) {
    const passwordHash = crypto.createHash('sha1').update(password).digest('hex');  //@vuln CWE-328|CWE-327
    await sequelize.query('INSERT INTO staff_accounts (email, password_hash) VALUES (:email, :passwordHash)', { replacements: { email, passwordHash } });
    console.log(`staff account ${email} created`);
  },

  async 'staff-lookup'([term]) {
    const entries = await ldapSearch(`(&(objectClass=inetOrgPerson)(|(uid=${term})(mail=${term})))`);
    console.table(entries.map((e) => ({ uid: e.uid, name: e.cn, mail: e.mail })));
  },
};

const [command, ...args] = process.argv.slice(2);
const run = commands[command];
if (!run) {
  console.error(`usage: gauntlet-admin <${Object.keys(commands).join('|')}> [args...]`);
  process.exit(64);
}

run(args)
  .then(() => sequelize.close())
  .catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
