var AdmZip = require('adm-zip');
var fs = require('fs');
var path = require('path');
var mkdirp = require('mkdirp');

function extractBundle(zipPath, destDir, cb) {
  var count = 0;
  try {
    new AdmZip(zipPath).getEntries().forEach(function (entry) {
      if (entry.isDirectory) return;
      var target = path.join(destDir, entry.entryName);
      mkdirp.sync(path.dirname(target));
      fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
      count++;
    });
  } catch (e) {
    return cb(e);
  }
  cb(null, count);
}

function extractAvatars(zipPath, destDir, cb) {
  var root = path.resolve(destDir);
  var written = [];
  try {
    new AdmZip(zipPath).getEntries().forEach(function (entry) {
      var target = path.resolve(root, entry.entryName);
      if (entry.isDirectory || target.indexOf(root + path.sep) !== 0) return;
      mkdirp.sync(path.dirname(target));
      fs.writeFileSync(target, entry.getData()); //@safe
      written.push(path.relative(root, target));
    });
  } catch (e) {
    return cb(e);
  }
  cb(null, written);
}

module.exports = { extractBundle: extractBundle, extractAvatars: extractAvatars };
