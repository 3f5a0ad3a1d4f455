var fs = require('fs');
var path = require('path');
var config = require('../config');

var ROOT = path.resolve(config.uploadDir);

function resolveSafe(name) {
  var resolved = path.resolve(ROOT, String(name || ''));
  if (resolved.indexOf(ROOT + path.sep) !== 0) return null;
  return resolved;
}

function listFiles(folder, cb) {
  var dir = path.join(config.uploadDir, folder);
  fs.readdir(dir, function (err, names) { //@vuln CWE-22
    if (err) return cb(err);
    cb(null, names.filter(function (n) { return n.charAt(0) !== '.'; }).map(function (n) {
      return { name: n, url: '/files/raw/' + encodeURIComponent(path.join(folder, n)) };
    }));
  });
}

function removeFile(name, cb) {
  fs.unlink(path.join(ROOT, name), cb); //@vuln CWE-22
}

module.exports = { root: ROOT, resolveSafe: resolveSafe, listFiles: listFiles, removeFile: removeFile };
