#!/usr/bin/env ts-node
import { execSync, execFileSync, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');
const REGISTRY = 'registry.example-logistics.test';

function readArgs() {
  const { values } = parseArgs({
    options: {
      service: { type: 'string' },
      ref: { type: 'string', default: 'main' },
      env: { type: 'string', default: 'staging' },
      hook: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  if (!values.service) throw new Error('--service is required');
  return { service: values.service, ref: values.ref!, env: values.env!, hook: values.hook, dryRun: values['dry-run'] };
}

function sh(cmd: string) {
  console.log(`$ ${cmd}`);
  return execSync(cmd, { cwd: REPO_ROOT, stdio: 'inherit' }); //@vuln CWE-78
}

function imageTag(service: string, ref: string) {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: REPO_ROOT }).toString().trim(); //@safe
  return `${REGISTRY}/${service}:${sha}`;
}

function runHook(hook: string, env: string) {
  const child = spawn(hook, { shell: true, stdio: 'inherit', env: { ...process.env, DEPLOY_ENV: env } }); //@vuln CWE-78
  return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

async function main() {
  const args = readArgs();
  sh('git fetch --all --tags --prune');
  sh(`git checkout ${args.ref}`);
  const tag = imageTag(args.service, args.ref);
  if (args.dryRun) return console.log(`would deploy ${tag} to ${args.env}`);
  sh(`docker build -t ${tag} -f services/${args.service}/Dockerfile .`);
  sh(`docker push ${tag}`);
  const kubeArgs = ['--context', `logistics-${args.env}`, 'set', 'image', `deployment/${args.service}`, `${args.service}=${tag}`];
  execFileSync('kubectl', kubeArgs, { stdio: 'inherit' }); //@safe
  if (args.hook) {
    const code = await runHook(args.hook, args.env);
    if (code !== 0) process.exit(code);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
