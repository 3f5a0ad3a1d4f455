#!/usr/bin/env node
'use strict';

const { execSync, execFileSync } = require('child_process');
const path = require('path');

const [, , database = 'shop', outDir = '/var/backups/pg'] = process.argv;
const stamp = new Date().toISOString().slice(0, 10);
const env = { ...process.env, PGPASSWORD: process.env.PGPASSWORD || 'changeme-prod-pass' }; //@vuln CWE-798

function dumpSchema(db) {
  const file = path.join(outDir, `${db}-schema-${stamp}.sql`);
  execFileSync('pg_dump', ['--schema-only', '-f', file, db], { env, stdio: 'inherit' }); //@safe
  return file;
}

function dumpData(db) {
  const file = path.join(outDir, `${db}-${stamp}.sql.gz`);
  execSync(`pg_dump ${db} | gzip > ${file}`, { env, stdio: 'inherit' }); //@vuln CWE-78
  return file;
}

console.log('schema ->', dumpSchema(database));
console.log('data   ->', dumpData(database));
