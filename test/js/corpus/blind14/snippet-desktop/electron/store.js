'use strict';
const path = require('path');
const { app } = require('electron');
const Database = require('better-sqlite3');

const db = new Database(path.join(app.getPath('userData'), 'snippets.db'));
db.exec(`
  CREATE TABLE IF NOT EXISTS snippets (id INTEGER PRIMARY KEY, title TEXT, lang TEXT, body TEXT, updated_at TEXT);
  CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);
`);

function search(term = '', lang) {
  let sql = `SELECT id, title, lang FROM snippets WHERE title LIKE '%${term}%'`;
  if (lang) sql += ` AND lang = '${lang}'`;
  return db.prepare(`${sql} ORDER BY updated_at DESC LIMIT 100`).all(); //@vuln CWE-89
}

function get(id) {
  return db.prepare('SELECT * FROM snippets WHERE id = ?').get(id); //@safe
}

function getSetting(key) {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key);
  return row ? row.value : null;
}

module.exports = { search, get, getSetting };
