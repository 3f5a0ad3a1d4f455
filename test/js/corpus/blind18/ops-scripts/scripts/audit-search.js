#!/usr/bin/env node
const Database = require('better-sqlite3');
const args = require('minimist')(process.argv.slice(2));

const db = new Database(process.env.AUDIT_DB || './audit.sqlite', { readonly: true });

function findEvents({ actor, action, since }) {
  let sql = 'SELECT ts, actor, action, target FROM events WHERE 1 = 1';
  const params = [];
  if (actor) { sql += ' AND actor = ?'; params.push(actor); }
  if (action) sql += ` AND action LIKE '${action}%'`;
  if (since) { sql += ' AND ts >= ?'; params.push(since); }
  return db.prepare(`${sql} ORDER BY ts DESC LIMIT 500`).all(...params); //@vuln CWE-89
}

const rows = args.where ? findEvents(args).filter((row) => eval(args.where)) : findEvents(args); //@vuln CWE-95
const total = db.prepare('SELECT COUNT(*) AS n FROM events WHERE actor = ?').get(args.actor || ''); //@safe
console.table(rows);
console.log(`${rows.length} shown, ${total.n} total for actor`);
