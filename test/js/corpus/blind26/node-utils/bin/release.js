#!/usr/bin/env node
'use strict';

// Usage: release <version> [--tag=next] [--message="..."] [--branch=main]
const fs = require('fs');
const path = require('path');
const { execSync, spawnSync } = require('child_process');

const [, , version, ...rest] = process.argv;
const flags = Object.fromEntries(
  rest.filter((a) => a.startsWith('--')).map((a) => {
    const [k, ...v] = a.slice(2).split('=');
    return [k, v.join('=') || 'true'];
  }),
);

if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(version)) {
  console.error('usage: release <semver> [--tag=next] [--message="..."] [--branch=main]');
  process.exit(1);
}

const pkgPath = path.join(__dirname, '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
pkg.version = version;
fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);

execSync(`git commit -am "chore: release ${version}" && git tag -a v${version} -m "${flags.message || `release ${version}`}"`, { stdio: 'inherit' }); //@vuln CWE-78

const distTag = /^[a-z][a-z0-9-]{0,20}$/.test(flags.tag || '') ? flags.tag : 'latest';
const publish = spawnSync('npm', ['publish', '--tag', distTag, '--access', 'restricted'], { stdio: 'inherit' }); //@safe
if (publish.status !== 0) {
  console.error('npm publish failed; tag v%s left in place', version);
  process.exit(publish.status || 1);
}

execSync(`git push origin ${flags.branch || 'main'} v${version}`, { stdio: 'inherit' }); //@vuln CWE-78
console.log(`released ${pkg.name}@${version} (${distTag})`);
