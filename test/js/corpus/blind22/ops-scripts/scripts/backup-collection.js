#!/usr/bin/env node
const path = require('path');
const { execSync, spawn } = require('child_process');

const MONGO_URI = process.env.BACKUP_MONGO_URI || 'mongodb://backup:changeme-backup-pass@mongo-1.internal:27017/newsroom?authSource=admin'; //@vuln CWE-798

const [, , collection, outArg] = process.argv;
if (!collection) {
  console.error('usage: backup-collection <collection> [outDir]');
  process.exit(1);
}
const outDir = path.resolve(outArg || `./backups/${new Date().toISOString().slice(0, 10)}`);

execSync(`mongodump --uri "${MONGO_URI}" --collection ${collection} --out ${outDir}`, { stdio: 'inherit' }); //@vuln CWE-78

const tar = spawn('tar', ['-czf', `${outDir}.tar.gz`, '-C', path.dirname(outDir), path.basename(outDir)], { stdio: 'inherit' }); //@safe
tar.on('close', (code) => {
  if (code !== 0) process.exit(code);
  spawn(`aws s3 cp ${outDir}.tar.gz s3://mediahub-backups/mongo/ --only-show-errors`, { shell: true, stdio: 'inherit' }); //@vuln CWE-78
});
