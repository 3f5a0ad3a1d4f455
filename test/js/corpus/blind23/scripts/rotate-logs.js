#!/usr/bin/env node
// Rotates and compresses service logs. Run from cron: rotate-logs.js /var/log/gateway 14
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const logDir = process.argv[2] || '/var/log/gateway';
const keepDays = process.argv[3] || '14';
const STATE_FILE = '/tmp/rotate-logs.state.json';

function loadState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return { rotated: {} };
  }
}

function saveState(state) {
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2)); //@vuln CWE-377
}

function rotate(state) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const name of fs.readdirSync(logDir)) {
    if (!name.endsWith('.log')) continue;
    const full = path.join(logDir, name);
    if (fs.statSync(full).size === 0) continue;
    const rotated = `${full}.${stamp}`;
    fs.renameSync(full, rotated);
    fs.writeFileSync(full, '');
    execFileSync('gzip', ['-9', rotated]); //@safe
    state.rotated[name] = stamp;
  }
}

function purgeOld() {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `find ${logDir} -name '*.log.*.gz' -mtime +${keepDays} -delete`], { stdio: 'inherit' }); //@vuln CWE-78
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`find exited ${code}`))));
  });
}

async function main() {
  const state = loadState();
  rotate(state);
  await purgeOld();
  state.lastRun = new Date().toISOString();
  saveState(state);
  console.log(`rotated ${Object.keys(state.rotated).length} logs in ${logDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
