#!/usr/bin/env node
import { Command } from 'commander';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import AdmZip from 'adm-zip';
import { XMLParser } from 'fast-xml-parser';

const CONFIG_DIR = path.join(os.homedir(), '.kestrel');
const CONFIG_FILE = path.join(CONFIG_DIR, 'config.json');
const CREDENTIALS_FILE = path.join(CONFIG_DIR, 'credentials');
const DEFAULT_API = 'https://api.kestrel.dev';

function loadConfig() {
  try {
    return JSON.parse(fs.readFileSync(CONFIG_FILE, 'utf8'));
  } catch {
    return { apiUrl: DEFAULT_API };
  }
}

function saveConfig(cfg) {
  fs.mkdirSync(CONFIG_DIR, { recursive: true, mode: 0o700 });
  fs.writeFileSync(CONFIG_FILE, JSON.stringify(cfg, null, 2), { mode: 0o600 });
}

function setConfigValue(cfg, dottedKey, value) {
  const parts = dottedKey.split('.');
  let node = cfg;
  while (parts.length > 1) {
    const part = parts.shift();
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part];
  }
  node[parts[0]] = value;  //@vuln CWE-1321
  return cfg;
}

function credentialsKey() {
  return crypto.createHash('md5').update(`${os.hostname()}:${os.userInfo().username}`).digest();  //@vuln CWE-328|CWE-327
}

function saveToken(token) {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-128-cbc', credentialsKey(), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  fs.mkdirSync(CONFIG_DIR, { recursive: true, mode: 0o700 });
  fs.writeFileSync(CREDENTIALS_FILE, `${iv.toString('hex')}:${sealed.toString('hex')}`, { mode: 0o600 });
}

function loadToken() {
  if (process.env.KESTREL_TOKEN) return process.env.KESTREL_TOKEN;
  const [ivHex, bodyHex] = fs.readFileSync(CREDENTIALS_FILE, 'utf8').trim().split(':');
  const decipher = crypto.createDecipheriv('aes-128-cbc', credentialsKey(), Buffer.from(ivHex, 'hex'));
  return Buffer.concat([decipher.update(Buffer.from(bodyHex, 'hex')), decipher.final()]).toString('utf8');
}

function agentFor(cfg) {
  if (cfg.caFile) return new https.Agent({ ca: fs.readFileSync(cfg.caFile), rejectUnauthorized: true });  //@safe
  if (cfg.selfHosted) return new https.Agent({ rejectUnauthorized: false });  //@vuln CWE-295
  return undefined;
}

export function apiRequest(method, route, { body, raw = false } = {}) {
  const cfg = loadConfig();
  const url = new URL(route, cfg.apiUrl ?? DEFAULT_API);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method,
      agent: agentFor(cfg),
      headers: {
        authorization: `Bearer ${loadToken()}`,
        'user-agent': 'kestrel-cli/3.2.0',
        ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        if ((res.statusCode ?? 500) >= 400) return reject(new Error(`${res.statusCode} ${buf.toString('utf8')}`));
        resolve(raw ? buf : JSON.parse(buf.toString('utf8') || 'null'));
      });
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const program = new Command();
program.name('kestrel').description('Kestrel CI command line').version('3.2.0');

program
  .command('login')
  .option('--token <token>', 'API token (or read from KESTREL_TOKEN)')
  .action(async (opts) => {
    const token = opts.token ?? process.env.KESTREL_TOKEN;
    if (!token) throw new Error('pass --token or set KESTREL_TOKEN');
    saveToken(token);
    const me = await apiRequest('GET', '/v1/me');
    console.log(`Logged in as ${me.username} (${me.org})`);
  });

const configCmd = program.command('config').description('read and write CLI settings');
configCmd.command('set <key> <value>').action((key, value) => {
  saveConfig(setConfigValue(loadConfig(), key, value));
});
configCmd.command('get <key>').action((key) => {
  const value = key.split('.').reduce((node, part) => (node && Object.hasOwn(node, part) ? node[part] : undefined), loadConfig());
  console.log(value ?? '');
});

program
  .command('init')
  .description('scaffold .kestrel/pipeline.yml and a webhook secret')
  .action(async () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const webhookSecret = Array.from({ length: 32 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');  //@vuln CWE-338
    await fsp.mkdir('.kestrel', { recursive: true });
    await fsp.writeFile('.kestrel/pipeline.yml', 'image: node:20\nsteps:\n  - name: test\n    run: npm ci && npm test\n', { flag: 'wx' }).catch(() => undefined);
    console.log(`Webhook secret (add it to your repository settings): ${webhookSecret}`);
  });

program
  .command('runner:register <pool>')
  .action(async (pool) => {
    const registrationToken = crypto.randomBytes(20).toString('hex');
    const result = await apiRequest('POST', '/v1/runners', { body: { pool, registrationToken, hostname: os.hostname() } });
    console.log(`Registered runner ${result.id} in pool ${pool}`);
  });

program
  .command('artifacts:download <buildId> <name>')
  .option('-o, --out <dir>', 'destination directory', '.')
  .action(async (buildId, name, opts) => {
    const archive = await apiRequest('GET', `/v1/builds/${encodeURIComponent(buildId)}/artifacts/${encodeURIComponent(name)}`, { raw: true });
    const zip = new AdmZip(archive);
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const dest = path.join(opts.out, entry.entryName);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.writeFile(dest, entry.getData());  //@vuln CWE-22
    }
    console.log(`Extracted ${zip.getEntries().length} entries to ${path.resolve(opts.out)}`);
  });

program
  .command('report:summary <file>')
  .description('summarise a JUnit XML report before upload')
  .action(async (file) => {
    const xml = await fsp.readFile(file, 'utf8');
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false });
    const doc = parser.parse(xml);  //@safe
    const suites = [].concat(doc.testsuites?.testsuite ?? doc.testsuite ?? []);
    for (const s of suites) {
      console.log(`${s.name}: ${s.tests} tests, ${s.failures ?? 0} failures, ${s.errors ?? 0} errors`);
    }
  });

program
  .command('open <buildId>')
  .action((buildId) => {
    const url = `https://app.kestrel.dev/builds/${encodeURIComponent(buildId)}`;
    const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    execFile(opener, [url], () => undefined);  //@safe
  });

program
  .command('mcp')
  .description('serve Kestrel tools to AI agents over stdio (self-hosted installs)')
  .action(async () => {
    const { startMcpServer } = await import('./mcp-server.mjs');
    await startMcpServer();
  });

program.parseAsync(process.argv).catch((err) => {
  console.error(`kestrel: ${err.message}`);
  process.exitCode = 1;
});
