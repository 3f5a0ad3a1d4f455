'use strict';

const net = require('net');
const { exec, execFile } = require('child_process');
const { promisify } = require('util');

const execFileAsync = promisify(execFile);

const HOSTNAME_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function isValidHost(host) {
  return typeof host === 'string' && (net.isIP(host) !== 0 || HOSTNAME_RE.test(host));
}

// used by the diagnostics lesson; returns raw ping output
function pingHost(host, count = 3) {
  return new Promise((resolve, reject) => {
    exec(`ping -c ${count} ${host}`, { timeout: 15000 }, (err, stdout, stderr) => { //@vuln CWE-78
      if (err && !stdout) return reject(err);
      return resolve(stdout + stderr);
    });
  });
}

async function pingHostChecked(host, count = 3) {
  if (!isValidHost(host)) throw Object.assign(new Error('invalid host'), { status: 400 });
  const n = Math.min(Math.max(parseInt(count, 10) || 3, 1), 10);
  const { stdout } = await execFileAsync('ping', ['-c', String(n), '--', host], { timeout: 15000 }); //@safe
  return stdout;
}

module.exports = { isValidHost, pingHost, pingHostChecked };
