var childProcess = require('child_process');
var path = require('path');

var DB_USER = process.env.BACKUP_DB_USER || 'backup';
var DB_PASS = process.env.BACKUP_DB_PASS || 'changeme-backup-pass'; //@vuln CWE-798
var BACKUP_DIR = '/var/backups/mysql';

function checksum(file, cb) {
  childProcess.execFile('sha256sum', [file], function (err, stdout) { //@safe
    if (err) return cb(err);
    cb(null, stdout.split(' ')[0]);
  });
}

function dump(database, out, cb) {
  var file = out || path.join(BACKUP_DIR, database + '-' + Date.now() + '.sql.gz');
  var cmd = 'mysqldump --single-transaction -u' + DB_USER + ' -p' + DB_PASS + ' ' + database + ' | gzip > ' + file;
  childProcess.exec(cmd, { maxBuffer: 1024 * 1024 }, function (err) { //@vuln CWE-78
    if (err) return cb(err);
    checksum(file, function (err, sum) {
      cb(err, file, sum);
    });
  });
}

module.exports = { dump: dump };
