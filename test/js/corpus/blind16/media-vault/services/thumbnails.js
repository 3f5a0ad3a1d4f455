var childProcess = require('child_process');
var path = require('path');
var config = require('../config');

function makeThumbnail(src, size, cb) {
  var dest = path.join(config.thumbDir, path.basename(src) + '.jpg');
  var cmd = config.convertBin + ' "' + src + '" -thumbnail ' + size + ' "' + dest + '"';
  childProcess.exec(cmd, { timeout: 30000 }, function (err) { //@vuln CWE-78
    cb(err, dest);
  });
}

function identify(file, cb) {
  childProcess.execFile('identify', ['-format', '%w %h %m', file], function (err, stdout) { //@safe
    if (err) return cb(err);
    var parts = stdout.trim().split(' ');
    cb(null, { width: +parts[0], height: +parts[1], format: parts[2] });
  });
}

function transcode(src, format, cb) {
  var out = src.replace(/\.[^.\/]+$/, '') + '.' + format;
  var proc = childProcess.spawn('ffmpeg', ['-y', '-i', src, out], { shell: true }); //@vuln CWE-78
  proc.on('error', cb);
  proc.on('close', function (code) {
    cb(code === 0 ? null : new Error('ffmpeg exited with ' + code), out);
  });
}

module.exports = { makeThumbnail: makeThumbnail, identify: identify, transcode: transcode };
