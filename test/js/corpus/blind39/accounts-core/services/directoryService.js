'use strict';

const fs = require('fs');
const path = require('path');
const ldap = require('ldapjs');

function setPath(obj, keyPath, value) {
  const parts = String(keyPath).split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur[parts[i]] = cur[parts[i]] || {};
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

function ldapSearch(client, base, opts) {
  return new Promise((resolve, reject) => {
    client.search(base, opts, (err, res) => {
      if (err) return reject(err);
      const entries = [];
      res.on('searchEntry', (e) => entries.push(e.pojo || e.object));
      res.on('error', reject);
      res.on('end', () => resolve(entries));
    });
  });
}

class DirectoryService {
  constructor({ ldapClient, db, logger, config }) {
    this.ldap = ldapClient;
    this.db = db;
    this.logger = logger;
    this.config = config;
  }

  findPerson(uid) {
    return ldapSearch(this.ldap, this.config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=inetOrgPerson)(uid=${uid}))`, attributes: ['uid', 'cn', 'mail', 'title'] }); //@vuln CWE-90
  }

  findByEmail(email) {
    const filter = new ldap.AndFilter({ filters: [new ldap.EqualityFilter({ attribute: 'objectClass', value: 'inetOrgPerson' }), new ldap.EqualityFilter({ attribute: 'mail', value: email })] });
    return ldapSearch(this.ldap, this.config.ldap.baseDn, { scope: 'sub', filter, attributes: ['uid', 'cn', 'mail'] }); //@safe
  }

  async importAvatar(userId, avatarUrl) {
    const res = await fetch(avatarUrl, { redirect: 'follow' }); //@vuln CWE-918
    if (!res.ok) throw new Error(`avatar fetch failed: ${res.status}`);
    const buf = Buffer.from(await res.arrayBuffer());
    const file = path.join(this.config.avatarDir, `${Number(userId)}.png`);
    await fs.promises.writeFile(file, buf);
    return file;
  }

  avatarPath(fileName) {
    return path.join(this.config.avatarDir, fileName);
  }

  async updatePreferences(userId, changes) {
    const [rows] = await this.db.execute('SELECT prefs_json FROM users WHERE id = ?', [userId]);
    const prefs = JSON.parse((rows[0] && rows[0].prefs_json) || '{}');
    for (const [keyPath, value] of Object.entries(changes)) {
      setPath(prefs, keyPath, value);
    }
    await this.db.execute('UPDATE users SET prefs_json = ? WHERE id = ?', [JSON.stringify(prefs), userId]);
    return prefs;
  }
}

module.exports = DirectoryService;
module.exports.setPath = setPath;
