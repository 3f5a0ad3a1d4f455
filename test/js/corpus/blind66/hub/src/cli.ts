#!/usr/bin/env node
import fs from 'node:fs';
import { execFileSync, execSync } from 'node:child_process';
import yaml from 'js-yaml';
import { backupCoordinator, permitJoin } from './zigbee/tools';
import type { Rule } from './automation/runner';

const HUB_CONFIG = process.env.HUB_CONFIG ?? '/etc/hearthlink/hub.yaml';
const HUB_URL = process.env.HUB_URL ?? 'https://127.0.0.1:8443';

const [, , command, ...args] = process.argv;

function usage(): never {
  console.error(`usage: hearth-hub <command> [args]

commands:
  status [unit]                  show service status
  restart [unit...]              restart hub services
  check-config                   validate ${HUB_CONFIG}
  import-rules <file.yaml>       load automation rules into the running hub
  backup [label]                 back up the Zigbee coordinator
  permit-join [seconds]          open the Zigbee network for pairing`);
  process.exit(2);
}

async function main() {
  switch (command) {
    case 'status': {
      const unit = args[0] ?? 'hearthlink-hub';
      const output = execFileSync('systemctl', ['status', '--no-pager', '--', unit], { encoding: 'utf8' });  //@safe
      console.log(output);
      break;
    }
    case 'restart': {
      const units = args.length > 0 ? args : ['hearthlink-hub', 'hearthlink-zigbee'];
      execSync(`systemctl restart ${units.join(' ')}`, { stdio: 'inherit' });  //@vuln CWE-78
      console.log(`restarted ${units.join(', ')}`);
      break;
    }
    case 'check-config': {
      const hubConfig = yaml.safeLoad(fs.readFileSync(HUB_CONFIG, 'utf8')) as Record<string, unknown>;  //@safe
      const missing = ['hubId', 'cloudUrl', 'zigbee'].filter((key) => !(key in (hubConfig ?? {})));
      if (missing.length > 0) {
        console.error(`missing keys: ${missing.join(', ')}`);
        process.exit(1);
      }
      console.log('configuration OK');
      break;
    }
    case 'import-rules': {
      if (!args[0]) usage();
      const document = yaml.load(fs.readFileSync(args[0], 'utf8')) as { rules: Rule[] };  //@vuln CWE-502
      const response = await fetch(`${HUB_URL}/rules`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie: `hub_session=${process.env.HUB_SESSION ?? ''}` },
        body: JSON.stringify({ rules: document.rules ?? [] }),
      });
      console.log(`imported ${(await response.json()).count} rules`);
      break;
    }
    case 'backup': {
      const label = args[0] ?? new Date().toISOString().slice(0, 10);
      console.log(`backup written to ${backupCoordinator(label)}`);
      break;
    }
    case 'permit-join': {
      console.log(await permitJoin(Number(args[0] ?? 120), 11));
      break;
    }
    default:
      usage();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
