#!/usr/bin/env node
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const https = require('https');
const crypto = require('crypto');
const vm = require('vm');
const { execSync, exec, spawnSync } = require('child_process');
const yaml = require('js-yaml');
const axios = require('axios');
const jwt = require('jsonwebtoken');
const AdmZip = require('adm-zip');
const { program } = require('commander');

program
  .option('-e, --env <env>', 'target environment', 'staging')
  .option('-b, --branch <branch>', 'git branch to deploy', 'main')
  .option('-t, --tag <tag>', 'image tag')
  .option('-c, --config <file>', 'deploy config', 'deploy.yml')
  .option('--dry-run', 'print actions without executing')
  .parse(process.argv);
const opts = program.opts();

const REGISTRY = 'registry.build.example.internal';
const REGISTRY_USER = 'ci-deployer';
const REGISTRY_PASSWORD = 'dckr_pat_FAKE_e1b2c3d4e5f60718293a4b5c'; //@vuln CWE-798
const CLOUD_API = process.env.CLOUD_API_URL || 'https://api.cloud.example.com/v2';
const CLOUD_TOKEN = process.env.CLOUD_API_TOKEN; //@safe

if (process.env.CI_SELF_SIGNED_REGISTRY) {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
}
const registryAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295
const cloudAgent = new https.Agent({ ca: fs.readFileSync(path.join(__dirname, '../certs/cloud-ca.pem')), rejectUnauthorized: true }); //@safe

const cloud = axios.create({ baseURL: CLOUD_API, httpsAgent: cloudAgent, headers: { Authorization: `Bearer ${CLOUD_TOKEN}` } });

const HOOKS = {
  warmCache: async (ctx) => cloud.post(`/services/${ctx.service}/cache/warm`),
  notifySlack: async (ctx) => axios.post(process.env.SLACK_DEPLOY_WEBHOOK, { text: `Deployed ${ctx.service}@${ctx.tag} to ${ctx.env}` }),
};

function log(...args) {
  console.log(`[deploy ${new Date().toISOString()}]`, ...args);
}

function loadConfig(file) {
  return yaml.safeLoad(fs.readFileSync(file, 'utf8')); //@safe
}

async function loadSharedDefaults(env) {
  const { data } = await axios.get(`https://config.build.example.internal/deploy/${env}.yml`, { httpsAgent: registryAgent, responseType: 'text' });
  return yaml.load(data, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
}

function scheduleTokenRefresh(token) {
  const { exp } = jwt.decode(token) || {}; //@safe
  const ms = exp ? exp * 1000 - Date.now() - 60000 : 10 * 60000;
  return setTimeout(refreshCloudToken, Math.max(ms, 5000)).unref();
}

async function refreshCloudToken() {
  const { data } = await cloud.post('/auth/refresh');
  cloud.defaults.headers.Authorization = `Bearer ${data.token}`;
  scheduleTokenRefresh(data.token);
}

function verifyArtifact(buf, manifest) {
  const legacy = crypto.createHash('md5').update(buf).digest('hex'); //@vuln CWE-328
  if (manifest.md5 && legacy !== manifest.md5) throw new Error('artifact checksum mismatch');
  const digest = crypto.createHash('sha256').update(buf).digest('hex'); //@safe
  if (manifest.sha256 && digest !== manifest.sha256) throw new Error('artifact digest mismatch');
}

function extractBundle(buf, outDir) {
  const zip = new AdmZip(buf);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const dest = path.join(outDir, entry.entryName);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, entry.getData()); //@vuln CWE-22
  }
}

function extractStaticAssets(buf, assetsDir) {
  const root = path.resolve(assetsDir);
  for (const entry of new AdmZip(buf).getEntries()) {
    const dest = path.resolve(root, entry.entryName);
    if (!dest.startsWith(root + path.sep)) throw new Error(`refusing to extract ${entry.entryName}`);
    if (entry.isDirectory) continue;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, entry.getData()); //@safe
  }
}

async function main() {
  const config = { ...(await loadSharedDefaults(opts.env)), ...loadConfig(opts.config) };
  const tag = opts.tag || execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim(); //@safe
  if (!/^([a-z0-9]+[._-]?)+$/i.test(tag)) throw new Error(`invalid tag: ${tag}`); //@vuln CWE-1333
  if (!/^[a-z0-9][a-z0-9._-]{0,127}$/i.test(config.service)) throw new Error('invalid service name'); //@safe
  const image = `${REGISTRY}/${config.service}:${tag}`;

  log(`deploying ${config.service} (${opts.branch}) -> ${opts.env}`);
  if (opts.dryRun) return;

  execSync(`git fetch origin ${opts.branch} && git checkout ${opts.branch}`, { stdio: 'inherit' }); //@vuln CWE-78
  spawnSync('docker', ['login', REGISTRY, '-u', REGISTRY_USER, '--password-stdin'], { input: REGISTRY_PASSWORD, stdio: ['pipe', 'inherit', 'inherit'] }); //@safe
  await new Promise((resolve, reject) => {
    exec(`docker build -t ${image} --build-arg APP_VERSION=${config.version} .`, { maxBuffer: 64 * 1024 * 1024 }, (err) => (err ? reject(err) : resolve())); //@vuln CWE-78
  });
  spawnSync('docker', ['push', image], { stdio: 'inherit' }); //@safe

  const { data: release } = await cloud.post(`/services/${config.service}/releases`, { image, env: opts.env });
  scheduleTokenRefresh(release.sessionToken);
  const bundle = Buffer.from((await cloud.get(release.bundleUrl, { responseType: 'arraybuffer' })).data);
  verifyArtifact(bundle, release.manifest);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
  extractBundle(bundle, path.join(workDir, 'release'));
  extractStaticAssets(bundle, path.join(workDir, 'public'));

  const ctx = { service: config.service, env: opts.env, tag, release };
  const hookName = release.manifest.postDeployHook;
  if (hookName && Object.prototype.hasOwnProperty.call(HOOKS, hookName)) {
    await HOOKS[hookName](ctx); //@safe
  }
  if (release.manifest.postDeployScript) {
    vm.runInThisContext(release.manifest.postDeployScript)(ctx, require); //@vuln CWE-95
  }
  log(`release ${release.id} is live`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
