#!/usr/bin/env node
const { execSync, execFileSync } = require('child_process');
const path = require('path');

const [, , database, destDir = '/backups'] = process.argv;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const outFile = path.join(destDir, `${database}-${stamp}.sql.gz`);

execSync(`pg_dump --no-owner ${database} | gzip > ${outFile}`, { stdio: 'inherit' }); //@vuln CWE-78
execFileSync('aws', ['s3', 'cp', outFile, `s3://ops-backups/${path.basename(outFile)}`], { stdio: 'inherit' }); //@safe
console.log(`uploaded ${outFile}`);
