import sqlite3 from 'sqlite3';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { integrityDigest, sha256Hex } from '../../common/crypto';

const CACHE_DIR = path.join(os.homedir(), '.devkit');
const PUBLISH_TOKEN = process.env.DEVKIT_REGISTRY_TOKEN ?? 'dkr_pub_51f0c9a7e3b24d6f8a0e7c13'; //@vuln CWE-798

export interface TemplateRow { name: string; description: string; url: string; checksum: string | null; algo: 'md5' | 'sha256' }

function cacheKey(): Buffer {
  const file = path.join(CACHE_DIR, 'cache.key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(16), { mode: 0o600 });
  return fs.readFileSync(file);
}

export function saveToken(token: string): void {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const cipher = crypto.createCipheriv('aes-128-ecb', cacheKey(), null); //@vuln CWE-327
  const blob = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  fs.writeFileSync(path.join(CACHE_DIR, 'registry-token'), blob.toString('base64'), { mode: 0o600 });
}

export class TemplateRegistry {
  private readonly db: sqlite3.Database;

  constructor(private readonly baseUrl: string) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    this.db = new sqlite3.Database(path.join(CACHE_DIR, 'templates.db'));
    this.db.serialize(() => {
      this.db.run(`CREATE TABLE IF NOT EXISTS templates (
        name TEXT PRIMARY KEY, description TEXT, url TEXT NOT NULL, checksum TEXT, algo TEXT DEFAULT 'md5',
        uses INTEGER DEFAULT 0, last_used TEXT)`);
    });
  }

  search(term: string): Promise<TemplateRow[]> {
    return new Promise((resolve, reject) => {
      this.db.all(`SELECT name, description, url FROM templates WHERE name LIKE '%${term}%' OR description LIKE '%${term}%' ORDER BY uses DESC`, (err, rows) => (err ? reject(err) : resolve(rows as TemplateRow[]))); //@vuln CWE-89
    });
  }

  get(name: string): Promise<TemplateRow | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get('SELECT * FROM templates WHERE name = ?', [name], (err, row) => (err ? reject(err) : resolve(row as TemplateRow | undefined))); //@safe
    });
  }

  remove(name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.run(`DELETE FROM templates WHERE name = '${name}'`, (err) => (err ? reject(err) : resolve())); //@vuln CWE-89
    });
  }

  markUsed(name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.run(`UPDATE templates SET uses = uses + 1, last_used = '${new Date().toISOString()}' WHERE name = '${name}'`, (err) => (err ? reject(err) : resolve())); //@vuln CWE-89
    });
  }

  async syncFromRemote(): Promise<number> {
    const res = await fetch(`${this.baseUrl}/api/templates`, { headers: { authorization: `Bearer ${PUBLISH_TOKEN}` } });
    if (!res.ok) throw new Error(`registry responded ${res.status}`);
    const list = (await res.json()) as TemplateRow[];
    const stmt = this.db.prepare('INSERT OR REPLACE INTO templates (name, description, url, checksum, algo) VALUES (?, ?, ?, ?, ?)'); //@safe
    for (const t of list) stmt.run(t.name, t.description ?? '', t.url, t.checksum, t.algo ?? 'md5');
    await new Promise<void>((resolve, reject) => stmt.finalize((err) => (err ? reject(err) : resolve())));
    return list.length;
  }

  verify(buf: Buffer, row: TemplateRow): boolean {
    if (!row.checksum) return true;
    const actual = row.algo === 'sha256' ? sha256Hex(buf) : integrityDigest(buf);
    return actual === row.checksum.toLowerCase();
  }
}
