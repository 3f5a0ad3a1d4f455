#!/usr/bin/env node
import { execSync, exec, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import yaml from 'js-yaml';
import device from '../lib/device.js';

const CONFIG_PATH = process.env.FLEETCTL_CONFIG || '/etc/fleetline/agent.yaml';
const INSTALL_DIR = '/opt/fleetline/agent';
const LOG_DIR = '/var/log/fleetline';

function loadConfig() {
  const raw = fs.readFileSync(CONFIG_PATH, 'utf8');
  return yaml.load(raw, { schema: yaml.JSON_SCHEMA }) ?? {};  //@safe
}

function usage() {
  console.log(`fleetctl <command>

Commands:
  status                     show agent and gateway status
  logs [--since <time>]      print agent logs
  diag <interface>           show network interface details
  ping <host>                check connectivity to a host
  wifi <ssid> <password>     join a depot Wi-Fi network
  update                     download and install the latest agent bundle
  export-logs <usb-dir> <f>  copy a log file to a USB stick`);
}

function argValue(args, flag, fallback) {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

async function status() {
  const cfg = loadConfig();
  const info = await device.getJson('/api/agent/status');
  const state = device.loadState();
  console.log(`vehicle:     ${cfg.vehiclePlate ?? 'unassigned'}`);
  console.log(`agent:       ${info.version} (${info.uptimeSeconds}s up)`);
  console.log(`last sync:   ${state.lastSync ?? 'never'}`);
  console.log(`pending:     ${state.pending.length} events`);
}

function logs(args) {
  const since = argValue(args, '--since', '1 hour ago');
  const output = execSync(`journalctl -u fleetline-agent --no-pager --since "${since}"`, { encoding: 'utf8' });  //@vuln CWE-78
  process.stdout.write(output);
}

function diag(iface) {
  exec('ip -s addr show ' + iface, (err, stdout, stderr) => {  //@vuln CWE-78
    if (err) {
      console.error(stderr || err.message);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(stdout);
  });
}

function ping(host) {
  const child = spawn('ping', ['-c', '3', '-W', '2', host], { stdio: 'inherit' });  //@safe
  child.on('exit', (code) => {
    process.exitCode = code ?? 1;
  });
}

function wifi(ssid, password) {
  execFile('nmcli', ['device', 'wifi', 'connect', ssid, 'password', password], (err, stdout) => {
    if (err) {
      console.error(`could not join ${ssid}: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    console.log(stdout.trim());
  });
}

async function update() {
  const manifest = await device.getJson('/api/agent/bundle/latest');
  console.log(`installing agent ${manifest.version} (${manifest.files.length} files)`);
  for (const entry of manifest.files) {
    const data = await device.download(`/api/agent/bundle/${manifest.version}/${encodeURIComponent(entry.name)}`);
    if (!device.verifyChecksum(data, entry.sha256)) {
      throw new Error(`checksum mismatch for ${entry.name}`);
    }
    const target = path.join(INSTALL_DIR, manifest.version, entry.name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data, { mode: entry.executable ? 0o755 : 0o644 });  //@vuln CWE-22
  }
  fs.rmSync(path.join(INSTALL_DIR, 'current'), { force: true });
  fs.symlinkSync(path.join(INSTALL_DIR, manifest.version), path.join(INSTALL_DIR, 'current'));
  const state = device.loadState();
  device.saveState({ ...state, lastSync: new Date().toISOString() });
}

function exportLogs(usbDir, fileName) {
  const root = path.resolve(LOG_DIR);
  const source = path.resolve(root, fileName);
  if (!source.startsWith(root + path.sep)) {
    console.error('log file must be inside ' + LOG_DIR);
    process.exitCode = 2;
    return;
  }
  fs.copyFileSync(source, path.join(usbDir, `${os.hostname()}-${path.basename(source)}`));
  console.log(`copied ${path.basename(source)} to ${usbDir}`);
}

async function main(argv) {
  const [command, ...args] = argv;
  switch (command) {
    case 'status':
      return status();
    case 'logs':
      return logs(args);
    case 'diag':
      return diag(args[0] ?? 'wwan0');
    case 'ping':
      return ping(args[0] ?? 'cab-gw.fleetline.local');
    case 'wifi':
      return wifi(args[0], args[1]);
    case 'update':
      return update();
    case 'export-logs':
      return exportLogs(args[0], args[1]);
    default:
      return usage();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(`fleetctl: ${err.message}`);
  process.exit(1);
});
