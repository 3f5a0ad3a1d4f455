'use strict';
const AdmZip = require('adm-zip');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

// v1 bundles (built by the old bash tooling) are plain zips with relative paths.
function extractLegacyBundle(zipFile, destDir) {
  const zip = new AdmZip(zipFile);
  const written = [];
  fs.mkdirSync(destDir, { recursive: true });
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const outPath = path.join(destDir, entry.entryName);
    fs.mkdirSync(path.dirname(outPath), { recursive: true });
    fs.writeFileSync(outPath, entry.getData()); //@vuln CWE-22
    written.push(outPath);
  }
  return written;
}

function extractBundle(zipFile, destDir) {
  const root = path.resolve(destDir);
  const zip = new AdmZip(zipFile);
  const written = [];
  fs.mkdirSync(root, { recursive: true });
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const outPath = path.resolve(root, entry.entryName);
    if (!outPath.startsWith(root + path.sep)) throw new Error(`refusing to extract ${entry.entryName}`);
    fs.mkdirSync(path.dirname(outPath), { recursive: true });
    fs.writeFileSync(outPath, entry.getData()); //@safe
    written.push(outPath);
  }
  return written;
}

function sha256File(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function verifyChecksums(dir, sums) {
  const bad = [];
  for (const [rel, expected] of Object.entries(sums || {})) {
    const actual = sha256File(path.join(dir, rel));
    if (actual !== expected) bad.push(rel);
  }
  return bad;
}

module.exports = { extractLegacyBundle, extractBundle, verifyChecksums, sha256File };
