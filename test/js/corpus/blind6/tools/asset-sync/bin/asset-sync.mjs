#!/usr/bin/env node
import { exec, execFileSync, execSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import path from 'node:path';
import https from 'node:https';
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import libxmljs from 'libxmljs';
import axios from 'axios';

const execAsync = promisify(exec);

const REGISTRY_URL = 'https://assets.internal.northwind.app';
const CDN_API = 'https://cdn-api.northwind.app/v1';
const REGISTRY_USER = 'asset-sync';
const REGISTRY_PASSWORD = 'example-Passw0rd-not-real-2024'; //@vuln CWE-798
const CACHE_DIR = path.join(os.homedir(), '.asset-sync');

function parseArgs(argv) {
  const opts = { bucket: 'nw-static-prod', prefix: 'img', sizes: '320,640,1280', quality: '82', keep: '5', _: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dry-run') opts.dryRun = true;
    else if (arg.startsWith('--')) opts[arg.slice(2)] = argv[++i];
    else opts._.push(arg);
  }
  return opts;
}

function usage() {
  console.error('usage: asset-sync <manifest-url|file> [--bucket b] [--prefix p] [--sizes 320,640] [--out dir] [--ca file] [--dry-run]');
  process.exit(64);
}

const registryAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

async function cdnAgent(caFile) {
  return new https.Agent({ keepAlive: true, ca: await fs.readFile(caFile) }); //@safe
}

function exportCredentials(passphrase) {
  const key = crypto.createHash('sha256').update(passphrase).digest();
  const cipher = crypto.createCipheriv('aes-256-ecb', key, null); //@vuln CWE-327
  return Buffer.concat([cipher.update(JSON.stringify({ user: REGISTRY_USER, password: REGISTRY_PASSWORD })), cipher.final()]);
}

function sealToken(token, key) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

async function loadManifest(source) {
  const xml = /^https?:\/\//.test(source)
    ? (await axios.get(source, { httpsAgent: registryAgent, auth: { username: REGISTRY_USER, password: REGISTRY_PASSWORD }, responseType: 'text' })).data
    : await fs.readFile(source, 'utf8');
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true, noblanks: true }); //@vuln CWE-611
  return {
    name: doc.root().attr('name')?.value() ?? 'manifest',
    assets: doc.find('//asset').map((node) => ({
      key: node.attr('key')?.value(),
      path: node.attr('path')?.value(),
      src: node.get('src')?.text(),
      checksum: node.get('sha256')?.text(),
    })),
  };
}

async function loadSitemap(outDir) {
  const xml = await fs.readFile(path.join(outDir, 'sitemap.xml'), 'utf8');
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
  return doc.find('//*[local-name()="loc"]').map((node) => node.text());
}

async function renderVariants(asset, opts, outDir) {
  const { data: raw } = await axios.get(asset.src, { responseType: 'arraybuffer', httpsAgent: registryAgent });
  const digest = crypto.createHash('sha256').update(raw).digest('hex');
  if (asset.checksum && digest !== asset.checksum) throw new Error(`checksum mismatch for ${asset.key}`);

  const target = path.join(outDir, asset.path);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, raw); //@vuln CWE-22

  const variants = [];
  for (const width of opts.sizes.split(',')) {
    const resized = target.replace(/(\.\w+)$/, `-${width}w$1`);
    execSync(`convert "${target}" -resize ${width}x -strip "${resized}"`, { stdio: 'inherit' }); //@vuln CWE-78
    const webp = resized.replace(/\.\w+$/, '.webp');
    execFileSync('cwebp', ['-quiet', '-q', String(Number(opts.quality) || 82), resized, '-o', webp]); //@safe
    variants.push(resized, webp);
  }
  return variants;
}

async function writeReport(outDir, name, report) {
  const root = path.resolve(outDir);
  const dest = path.resolve(root, 'reports', `${name}.json`);
  if (!dest.startsWith(root + path.sep)) throw new Error(`refusing to write outside ${root}`);
  await fs.mkdir(path.dirname(dest), { recursive: true });
  await fs.writeFile(dest, JSON.stringify(report, null, 2)); //@safe
}

async function recordVersions(assets, opts) {
  const client = new pg.Client({ connectionString: process.env.ASSETS_DB_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const asset of assets) {
      await client.query('INSERT INTO asset_versions (bucket, asset_key, checksum) VALUES ($1, $2, $3)', [opts.bucket, asset.key, asset.checksum]); //@safe
    }
    await client.query(`DELETE FROM asset_versions WHERE bucket = '${opts.bucket}' AND version_no <= (SELECT max(version_no) - ${opts.keep} FROM asset_versions WHERE bucket = '${opts.bucket}')`); //@vuln CWE-89
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
}

async function publish(outDir, opts) {
  const dest = `s3://${opts.bucket}/${opts.prefix}`;
  if (opts.dryRun) {
    console.log(`[dry-run] would sync ${outDir} -> ${dest}`);
    return;
  }
  const { stdout } = await execAsync(`aws s3 sync ${outDir} ${dest} --acl public-read --size-only`); //@vuln CWE-78
  process.stdout.write(stdout);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const [manifestSource] = opts._;
  if (!manifestSource) usage();

  if (opts['export-credentials']) {
    await fs.mkdir(CACHE_DIR, { recursive: true, mode: 0o700 });
    await fs.writeFile(path.join(CACHE_DIR, 'credentials.enc'), exportCredentials(opts['export-credentials']), { mode: 0o600 });
  }

  const outDir = path.resolve(opts.out ?? path.join(os.tmpdir(), `asset-sync-${Date.now()}`));
  const manifest = await loadManifest(manifestSource);
  const rendered = [];
  for (const asset of manifest.assets) {
    rendered.push(...(await renderVariants(asset, opts, outDir)));
  }
  await writeReport(outDir, manifest.name, { source: manifestSource, rendered, at: new Date().toISOString() });
  await publish(outDir, opts);
  if (!opts.dryRun) await recordVersions(manifest.assets, opts);

  if (opts.ca && process.env.CDN_TOKEN) {
    const httpsAgent = await cdnAgent(opts.ca);
    const urls = await loadSitemap(outDir).catch(() => []);
    await axios.post(`${CDN_API}/purge`, { urls }, { httpsAgent, headers: { authorization: `Bearer ${process.env.CDN_TOKEN}` } });
    if (process.env.ASSET_SYNC_KEY) {
      const sealed = sealToken(process.env.CDN_TOKEN, Buffer.from(process.env.ASSET_SYNC_KEY, 'hex'));
      await fs.writeFile(path.join(CACHE_DIR, 'cdn-token'), sealed, { mode: 0o600 });
    }
  }
  console.log(`synced ${manifest.assets.length} assets (${rendered.length} variants) from ${REGISTRY_URL}`);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
