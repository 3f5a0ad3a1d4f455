import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as path from 'path';

export interface Snippet { id?: number; title: string; lang: string; body: string; description?: string; updated_at?: string }

const SORTABLE = ['title', 'lang', 'updated_at', 'uses'];

export class SnippetStore {
  private readonly db: Database.Database;

  constructor(storageDir: string) {
    fs.mkdirSync(storageDir, { recursive: true });
    this.db = new Database(path.join(storageDir, 'snippets.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS snippets (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,
      lang TEXT NOT NULL DEFAULT 'plaintext', description TEXT DEFAULT '', body TEXT NOT NULL,
      uses INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL DEFAULT (datetime('now')));
      CREATE TABLE IF NOT EXISTS tags (snippet_id INTEGER NOT NULL, name TEXT NOT NULL);`);
  }

  search(query: string, lang?: string, sort = 'updated_at'): Snippet[] {
    const order = SORTABLE.includes(sort) ? sort : 'updated_at';
    let where = `title LIKE '%${query}%'`;
    if (lang) where += ` AND lang = '${lang}'`;
    return this.db.prepare(`SELECT id, title, lang, description, body FROM snippets WHERE ${where} ORDER BY ${order} DESC LIMIT 50`).all() as Snippet[]; //@vuln CWE-89
  }

  listSorted(sort: string): Snippet[] {
    const order = SORTABLE.includes(sort) ? sort : 'updated_at';
    return this.db.prepare(`SELECT id, title, lang FROM snippets ORDER BY ${order} DESC`).all() as Snippet[]; //@safe
  }

  getById(id: number): Snippet | undefined {
    return this.db.prepare('SELECT * FROM snippets WHERE id = ?').get(id) as Snippet | undefined; //@safe
  }

  byTag(tag: string): Snippet[] {
    return this.db.prepare('SELECT s.* FROM snippets s JOIN tags t ON t.snippet_id = s.id WHERE t.name = ?').all(tag) as Snippet[]; //@safe
  }

  tag(id: number, tags: string[]): void {
    if (!tags.length) return;
    const values = tags.map((t) => `(${Number(id)}, '${t.trim()}')`).join(', ');
    this.db.exec(`INSERT INTO tags (snippet_id, name) VALUES ${values}`); //@vuln CWE-89
  }

  deleteByTag(tag: string): void {
    this.db.exec(`DELETE FROM snippets WHERE id IN (SELECT snippet_id FROM tags WHERE name = '${tag}')`); //@vuln CWE-89
  }

  rename(id: number, title: string): void {
    this.db.prepare(`UPDATE snippets SET title = '${title}', updated_at = datetime('now') WHERE id = ${Number(id)}`).run(); //@vuln CWE-89
  }

  importMany(items: Snippet[]): number {
    const insert = this.db.prepare('INSERT INTO snippets (title, lang, description, body) VALUES (@title, @lang, @description, @body)');
    const tx = this.db.transaction((rows: Snippet[]) => {
      for (const r of rows) insert.run({ description: '', lang: 'plaintext', ...r });
    });
    tx(items);
    return items.length;
  }

  close(): void {
    this.db.close();
  }
}
