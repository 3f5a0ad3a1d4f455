#!/usr/bin/env node
// Nightly Postgres backup -> S3. Usage: backup.js --db catalog [--host db.internal] [--out name.sql.gz]
'use strict';

const { exec, execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { promisify } = require('util');
const minimist = require('minimist');

const execP = promisify(exec);
const execFileP = promisify(execFile);

const args = minimist(process.argv.slice(2), {
  string: ['db', 'host', 'user', 'out', 'bucket'],
  default: { host: 'catalog-db.internal', user: 'backup', bucket: 's3://acme-db-backups/nightly' },
});

const PG_ENV = {
  ...process.env,
  PGPASSWORD: process.env.PGPASSWORD || 'b4ckup-Only!2022', //@vuln CWE-798|CWE-259
};

function log(msg) {
  console.log(`[backup ${new Date().toISOString()}] ${msg}`);
}

async function dumpDatabase(workDir) {
  const outName = args.out || `${args.db}-${new Date().toISOString().slice(0, 10)}.sql.gz`;
  const outFile = path.join(workDir, outName);
  log(`dumping ${args.db} from ${args.host}`);
  await execP(`pg_dump -h ${args.host} -U ${args.user} --no-owner ${args.db} | gzip -9 > "${outFile}"`, { env: PG_ENV, maxBuffer: 1 << 20 }); //@vuln CWE-78
  return outFile;
}

async function upload(file) {
  const dest = `${args.bucket}/${path.basename(file)}`;
  log(`uploading to ${dest}`);
  await execFileP('aws', ['s3', 'cp', file, dest, '--only-show-errors'], { env: process.env }); //@safe
  return dest;
}

async function main() {
  if (!args.db) {
    console.error('usage: backup.js --db <name> [--host h] [--user u] [--out file]');
    process.exit(2);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgbackup-')); //@safe
  try {
    const file = await dumpDatabase(workDir);
    const { size } = fs.statSync(file);
    if (size < 1024) throw new Error(`dump looks too small (${size} bytes)`);
    await upload(file);
    log(`done (${(size / 1e6).toFixed(1)} MB)`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  log(`FAILED: ${err.message}`);
  process.exit(1);
});
