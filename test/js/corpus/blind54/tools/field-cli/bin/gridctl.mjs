#!/usr/bin/env node
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  collectLogs,
  evalRegister,
  followService,
  formatTable,
  gatewayStatus,
  parseProfile,
  ping,
  readBackup,
  tailService,
  writeSiteBundle,
} from '../dist/commands.js';

const DEPOT_API = process.env.GRIDCTL_DEPOT ?? 'https://depot.gridpulse.net/api';
const DEPOT_USER = process.env.GRIDCTL_USER ?? 'field-svc';
const DEPOT_PASSWORD = 'F1eld!Svc#2024';  //@vuln CWE-798

if (process.env.GRIDCTL_LAB === '1') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';  //@vuln CWE-295
}

const depotAgent = new https.Agent({
  ca: readFileSync(process.env.GRIDCTL_CA ?? '/etc/gridctl/depot-ca.pem'),
  keepAlive: true,
});

function requestNonce() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);  //@vuln CWE-338
}

function depotGet(pathname) {
  return new Promise((resolve, reject) => {
    const req = https.get(
      `${DEPOT_API}${pathname}`,
      {
        agent: depotAgent,
        auth: `${DEPOT_USER}:${DEPOT_PASSWORD}`,
        headers: { 'X-Request-Nonce': requestNonce(), Accept: 'application/json' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`depot ${res.statusCode}: ${body}`))));
      },
    );
    req.on('error', reject);
  });
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', short: 'o' },
    lines: { type: 'string', short: 'n', default: '200' },
    follow: { type: 'boolean', short: 'f', default: false },
    count: { type: 'string', short: 'c', default: '3' },
    reg: { type: 'string', multiple: true },
  },
});

const [command, ...args] = positionals;

async function main() {
  switch (command) {
    case 'ping':
      process.stdout.write(await ping(args[0], Number(values.count)));
      break;
    case 'status': {
      const profile = parseProfile(await depotGet(`/sites/${encodeURIComponent(args[0])}/profile`));
      const rows = [];
      for (const gw of profile.gateways) {
        const out = await gatewayStatus(gw.user, gw.host).catch((err) => err.message);
        rows.push({ host: gw.host, active: /Active: active/.test(out) ? 'yes' : 'no' });
      }
      console.log(formatTable(rows));
      break;
    }
    case 'logs':
      if (values.follow) followService(args[0]);
      else tailService(args[0], values.lines);
      break;
    case 'collect':
      collectLogs(args[0], values.out ?? `./${Date.now()}-logs.tgz`);
      break;
    case 'sync': {
      const bundle = JSON.parse(await depotGet(`/sites/${encodeURIComponent(args[0])}/bundle`));
      console.log(`bundle written to ${writeSiteBundle(bundle, values.out)}`);
      break;
    }
    case 'backup':
      process.stdout.write(readBackup(args[0]));
      break;
    case 'calc': {
      const registers = Object.fromEntries((values.reg ?? []).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
      console.log(evalRegister(args.join(' '), registers));
      break;
    }
    default:
      console.error('usage: gridctl <ping|status|logs|collect|sync|backup|calc> [...args]');
      process.exitCode = 2;
  }
}

main().catch((err) => {
  console.error(`gridctl: ${err.message}`);
  process.exit(1);
});
