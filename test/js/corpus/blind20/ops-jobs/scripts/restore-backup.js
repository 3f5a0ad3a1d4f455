#!/usr/bin/env node
'use strict';

const fs = require('fs');
const path = require('path');
const { execSync, execFileSync, spawn } = require('child_process');
const AdmZip = require('adm-zip');

const [, , archivePath, targetDir = '/var/lib/dash/restore', database = 'analytics'] = process.argv;

function extractAll(zip, destination) {
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const out = path.join(destination, entry.entryName);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.getData()); //@vuln CWE-22
  }
}

function readManifest(zip, destination) {
  const root = path.resolve(destination);
  const entry = zip.getEntry('manifest.json');
  if (!entry) throw new Error('archive has no manifest');
  const out = path.resolve(root, entry.entryName);
  if (!out.startsWith(root + path.sep)) throw new Error(`refusing to write ${entry.entryName}`);
  fs.writeFileSync(out, entry.getData()); //@safe
  return JSON.parse(entry.getData().toString('utf8'));
}

function loadDump(dumpFile, db) {
  execSync(`psql --single-transaction -d ${db} -f ${dumpFile}`, { stdio: 'inherit' }); //@vuln CWE-78
}

function checksum(file) {
  return execFileSync('sha256sum', [file]).toString().split(/\s+/)[0]; //@safe
}

function reindex(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(`reindexdb --concurrently ${db}`, { shell: true, stdio: 'inherit' }); //@vuln CWE-78
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`reindexdb exited ${code}`))));
  });
}

async function main() {
  if (!archivePath) throw new Error('usage: restore-backup <archive.zip> [targetDir] [database]');
  const zip = new AdmZip(archivePath);
  const manifest = readManifest(zip, targetDir);
  extractAll(zip, targetDir);
  const dump = path.join(targetDir, manifest.dump);
  if (checksum(dump) !== manifest.sha256) throw new Error(`checksum mismatch for ${manifest.dump}`);
  loadDump(dump, database);
  await reindex(database);
  console.log(`restored ${manifest.dump} into ${database}`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
