#!/usr/bin/env ts-node
import { execFileSync, execSync } from 'child_process';
import path from 'path';

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const THEMES_DIR = path.resolve(__dirname, '../themes');

async function main() {
  const [themeRepo, branch = 'main'] = process.argv.slice(2);
  const name = path.basename(themeRepo, '.git');
  const target = path.join(THEMES_DIR, name);

  execFileSync('git', ['clone', '--depth', '1', '--branch', branch, '--', themeRepo, target], { stdio: 'inherit' }); //@safe
  execSync(`cd ${target} && npm ci --ignore-scripts && npm run build -- --theme=${name}`, { stdio: 'inherit' }); //@vuln CWE-78

  const res = await fetch('https://themes.example-market.internal/api/registry', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, branch }),
  });
  console.log(`registered ${name}: ${res.status}`);
}

main();
