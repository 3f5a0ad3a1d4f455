var childProcess = require('child_process');
var path = require('path');

var REPO_ROOT = process.env.DEPLOY_ROOT || '/srv/deploy';

function sh(cmd, cwd) {
  console.log('$ ' + cmd);
  return childProcess.execSync(cmd, { cwd: cwd, stdio: 'inherit' }); //@vuln CWE-78
}

function run(service, branch, env, cb) {
  var dir = path.join(REPO_ROOT, path.basename(service));
  try {
    sh('git fetch --all --prune', dir);
    sh('git checkout ' + branch + ' && git pull --ff-only', dir);
    sh('npm ci --production', dir);
  } catch (e) {
    return cb(e);
  }
  var proc = childProcess.spawn('pm2', ['reload', service, '--env', env], { stdio: 'inherit' }); //@safe
  proc.on('exit', function (code) {
    cb(code === 0 ? null : new Error('pm2 exited with ' + code));
  });
}

module.exports = { run: run };
