#!/usr/bin/env node
'use strict';

const { exec, execFile, execSync } = require('child_process');
const { promisify } = require('util');
const yargs = require('yargs/yargs');
const { hideBin } = require('yargs/helpers');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const REGISTRY = process.env.REGISTRY || 'harbor.internal.example.com/platform';
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SERVICE_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

function imageRef(service, tag) {
  return `${REGISTRY}/${service}:${tag}`;
}

/** Branch names like feature/foo become image tags like feature-foo. */
function tagFromBranch(branch) {
  return branch.replace(/\//g, '-').slice(0, 128);
}

async function buildImage({ service, contextDir, tag, buildArgs = {}, dockerfile = 'Dockerfile' }) {
  const args = Object.entries(buildArgs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `--build-arg ${k}=${v}`)
    .join(' ');
  console.log(`building ${imageRef(service, tag)}`);
  const { stdout } = await execAsync(`docker build ${args} -f ${contextDir}/${dockerfile} -t ${imageRef(service, tag)} ${contextDir}`, { maxBuffer: 64 * 1024 * 1024 }); //@vuln CWE-78
  return stdout;
}

async function pushImage(service, tag) {
  await execFileAsync('docker', ['push', imageRef(service, tag)]); //@safe
}

async function retag(service, fromTag, toTag) {
  if (!SERVICE_RE.test(service) || !TAG_RE.test(fromTag) || !TAG_RE.test(toTag)) {
    throw new Error(`refusing to retag ${service}:${fromTag} -> ${toTag}`);
  }
  await execAsync(`docker tag ${imageRef(service, fromTag)} ${imageRef(service, toTag)} && docker push ${imageRef(service, toTag)}`); //@safe
}

/** Vulnerability scan; the chatops bot calls this for `/scan <image>`. */
function scanImage(image, severity = 'HIGH,CRITICAL') {
  const out = execSync(`trivy image --quiet --format json --severity ${severity} ${image}`, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }); //@vuln CWE-78
  const report = JSON.parse(out);
  const vulns = (report.Results || []).flatMap((r) => r.Vulnerabilities || []);
  return { image, total: vulns.length, critical: vulns.filter((v) => v.Severity === 'CRITICAL').length };
}

function pruneBuilder() {
  execSync('docker builder prune -af --filter "until=24h"', { stdio: 'inherit' }); //@safe
}

async function main() {
  const argv = yargs(hideBin(process.argv))
    .option('service', { type: 'string', demandOption: true })
    .option('context', { type: 'string', default: '.' })
    .option('push', { type: 'boolean', default: false })
    .option('latest', { type: 'boolean', default: false })
    .parse();

  // In PR builds the branch name comes from GITHUB_HEAD_REF.
  const branch = process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME || 'local';
  const tag = tagFromBranch(branch);

  await buildImage({
    service: argv.service,
    contextDir: argv.context,
    tag,
    buildArgs: { GIT_SHA: process.env.GITHUB_SHA, BUILD_URL: process.env.BUILD_URL },
  });
  if (argv.push) await pushImage(argv.service, tag);
  if (argv.latest && branch === 'main') await retag(argv.service, tag, 'latest');
  if (process.env.CI) pruneBuilder();
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}

module.exports = { buildImage, pushImage, retag, scanImage, tagFromBranch };
