#!/usr/bin/env node
// backup.js - dumps the chat mysql db and copies it to the NAS
// usage: node scripts/backup.js <dbname> [outdir]
var childProcess = require('child_process');
var fs = require('fs');
var path = require('path');

var DB_USER = 'root';
var DB_PASS = 'Sup3rS3cret!Bobs'; //@vuln CWE-798
var NAS = 'backup@nas.bobsgarden.local:/volume1/backups/';
var KEEP_DAYS = 14;

var dbName = process.argv[2] || 'chat';
var outDir = process.argv[3] || '/var/backups/bobs';
var stamp = new Date().toISOString().replace(/[:.]/g, '-');
var file = path.join(outDir, dbName + '-' + stamp + '.sql');

if (!fs.existsSync(outDir)) fs.mkdirSync(outDir);

console.log('dumping ' + dbName + ' to ' + file);
childProcess.exec('mysqldump -u' + DB_USER + ' -p' + DB_PASS + ' --single-transaction ' + dbName + ' > ' + file, function (err, stdout, stderr) { //@vuln CWE-78
  if (err) {
    console.error('mysqldump failed: ' + stderr);
    process.exit(1);
  }

  childProcess.execFile('gzip', ['-9', file], function (err) { //@safe
    if (err) {
      console.error('gzip failed', err);
      process.exit(1);
    }
    var gz = file + '.gz';

    // copy to the nas (ssh key is set up for root)
    childProcess.exec('scp ' + gz + ' ' + NAS, function (err) { //@vuln CWE-78
      if (err) console.error('scp to nas failed, backup only local!');
      cleanup();
    });
  });
});

function cleanup() {
  var cutoff = Date.now() - KEEP_DAYS * 24 * 3600 * 1000;
  fs.readdirSync(outDir).forEach(function (f) {
    if (!/\.sql\.gz$/.test(f)) return;
    var full = path.join(outDir, f);
    if (fs.statSync(full).mtime.getTime() < cutoff) {
      console.log('removing old backup ' + f);
      fs.unlinkSync(full);
    }
  });
  console.log('backup done');
}
