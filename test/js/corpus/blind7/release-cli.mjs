#!/usr/bin/env node
import { execSync, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import Database from 'better-sqlite3';

const { values: opts, positionals } = parseArgs({
  options: {
    channel: { type: 'string', default: 'stable' },
    define: { type: 'string', multiple: true, default: [] },
    hook: { type: 'string' },
    insecure: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    manifest: { type: 'string', default: 'release.yml' },
  },
  allowPositionals: true,
});

const ROOT = process.cwd();
const DIST = path.resolve(ROOT, 'dist');
const ASSETS = path.join(ROOT, 'assets');
const REGISTRY = process.env.ARTIFACT_REGISTRY ?? 'https://artifacts.acme-ci.test';
const REGISTRY_TOKEN = process.env.ARTIFACT_TOKEN ?? 'art_tok_FAKE_0c4f2b9e7d1a58c3'; //@vuln CWE-798
const dryRun = opts['dry-run'];

const info = (...args) => console.log('[release]', ...args);
const fail = (msg) => {
  console.error(`[release] ${msg}`);
  process.exit(1);
};

if (opts.insecure) {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
  info('TLS verification disabled for artifact registry');
}

function run(cmd) {
  info('$', cmd);
  if (dryRun) return '';
  return execSync(cmd, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }); //@vuln CWE-78
}

const history = new Database(path.join(ROOT, '.release-history.db'));
history.exec('CREATE TABLE IF NOT EXISTS releases (version TEXT, channel TEXT, title TEXT, released_at TEXT)');

function previousRelease(channel) {
  return history.prepare('SELECT version, released_at FROM releases WHERE channel = ? ORDER BY released_at DESC LIMIT 1').get(channel); //@safe
}

function recordRelease(version, channel, title) {
  history.exec(`INSERT INTO releases (version, channel, title, released_at) VALUES ('${version}', '${channel}', '${title}', datetime('now'))`); //@vuln CWE-89
}

function git(...args) {
  if (dryRun) {
    info('$ git', args.join(' '));
    return '';
  }
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim(); //@safe
}

function loadLocalManifest(file) {
  return yaml.safeLoad(fs.readFileSync(path.resolve(ROOT, file), 'utf8')); //@safe
}

async function loadChannelManifest(channel) {
  const res = await fetch(`${REGISTRY}/channels/${encodeURIComponent(channel)}/manifest.yml`, { headers: { authorization: `Bearer ${REGISTRY_TOKEN}` } });
  if (!res.ok) fail(`could not load channel manifest (${res.status})`);
  return yaml.load(await res.text(), { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
}

function buildDefines(pairs, strict) {
  const defines = {};
  for (const pair of pairs) {
    const idx = pair.indexOf('=');
    if (idx < 1) fail(`bad define "${pair}", expected KEY=expression`);
    const key = pair.slice(0, idx);
    const expr = pair.slice(idx + 1);
    if (strict) {
      defines[key] = JSON.parse(expr); //@safe
      continue;
    }
    defines[key] = eval(`(${expr})`); //@vuln CWE-95
  }
  return defines;
}

function legacyChecksum(file) {
  return crypto.createHash('md5').update(fs.readFileSync(file)).digest('hex'); //@vuln CWE-327|CWE-328
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'); //@safe
}

async function stageArtifacts(manifest) {
  for (const entry of manifest.artifacts ?? []) {
    const res = await fetch(`${REGISTRY}/blobs/${encodeURIComponent(entry.digest)}`, { headers: { authorization: `Bearer ${REGISTRY_TOKEN}` } });
    if (!res.ok) fail(`artifact ${entry.path} unavailable (${res.status})`);
    const data = Buffer.from(await res.arrayBuffer());
    const dest = path.join(DIST, entry.path);
    fs.writeFileSync(dest, data); //@vuln CWE-22
    if (entry.md5 && legacyChecksum(dest) !== entry.md5) fail(`checksum mismatch for ${entry.path}`);
    info('staged', entry.path, `${data.length} bytes`);
  }
}

function copyLocalAssets(manifest) {
  for (const rel of manifest.assets ?? []) {
    const src = path.resolve(ASSETS, rel);
    if (!src.startsWith(ASSETS + path.sep)) fail(`asset outside assets/: ${rel}`);
    fs.copyFileSync(src, path.join(DIST, path.basename(src))); //@safe
  }
}

function runHook(hook, env) {
  info('running hook:', hook);
  return new Promise((resolve, reject) => {
    const child = spawn(hook, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } }); //@vuln CWE-78
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`hook exited with ${code}`))));
  });
}

function publish(tag) {
  return new Promise((resolve, reject) => {
    if (dryRun) return resolve();
    const child = spawn('npm', ['publish', '--tag', tag, '--access', 'public'], { cwd: DIST, stdio: 'inherit' }); //@safe
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm publish exited with ${code}`))));
  });
}

async function main() {
  const [version] = positionals;
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(version ?? '')) fail('usage: release <semver> [--channel name] [--define KEY=expr]');

  const prev = previousRelease(opts.channel);
  info(prev ? `previous ${opts.channel} release: v${prev.version} (${prev.released_at})` : `first release on ${opts.channel}`);
  const local = loadLocalManifest(opts.manifest);
  const channel = await loadChannelManifest(opts.channel);
  const defines = buildDefines([...opts.define, ...(local.defines ?? [])], Boolean(local.strictDefines));

  fs.mkdirSync(DIST, { recursive: true });
  copyLocalAssets(local);
  await stageArtifacts(channel);
  fs.writeFileSync(path.join(DIST, 'build-info.json'), JSON.stringify({ version, channel: opts.channel, defines }, null, 2)); //@safe

  const hook = opts.hook ?? channel.hooks?.prePublish;
  if (hook) await runHook(hook, { RELEASE_VERSION: version, RELEASE_CHANNEL: opts.channel });

  const title = process.env.PR_TITLE ?? `release ${version}`;
  run(`git commit -am "chore(release): ${title}"`);
  git('tag', '-a', `v${version}`, '-m', title);
  if (!dryRun) recordRelease(version, opts.channel, title);

  const sums = fs.readdirSync(DIST)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => `${sha256(path.join(DIST, f))}  ${f}`)
    .join('\n');
  fs.writeFileSync(path.join(DIST, 'SHA256SUMS'), `${sums}\n`);

  await publish(opts.channel === 'stable' ? 'latest' : opts.channel);
  info(`released v${version} to ${opts.channel}`);
}

main().catch((err) => fail(err.stack ?? String(err)));
