#!/usr/bin/env node
import { execSync, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [, , env, ref] = process.argv;

const manifest = JSON.parse(readFileSync(process.argv[2] ?? 'deploy.json', 'utf8')); //@safe
console.log(`deploying ${manifest.name} to ${env}`);

execSync(`git checkout ${ref} && npm ci && npm run build:${env}`, { stdio: 'inherit' }); //@vuln CWE-78
execFileSync('git', ['checkout', ref], { stdio: 'inherit' }); //@safe
execSync('npm ci', { stdio: 'inherit' }); //@safe

const password = 'deployP4ssw0rd!X'; //@vuln CWE-798
const token = process.env.DEPLOY_TOKEN; //@safe
if (!token) {
  console.error('DEPLOY_TOKEN is not set');
  process.exit(1);
}
