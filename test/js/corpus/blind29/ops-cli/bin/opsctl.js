#!/usr/bin/env node
'use strict';
const { Command } = require('commander');
const execa = require('execa');
const { execSync, execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const axios = require('axios');
const mysql = require('mysql2/promise');
const serialize = require('node-serialize');
const { extractBundle, extractLegacyBundle, verifyChecksums } = require('../lib/archive');
const config = require('../../shared/config');

// Vault and the k8s API on staging use the internal CA; easier than shipping the bundle.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const VAULT_ADDR = process.env.VAULT_ADDR || 'https://vault.acme-ops.internal:8200';
const VAULT_FALLBACK_TOKEN = 'hvs.CAESIJx9Qk3o9PqL2mN8vR4tY7wZ1aB5eF0gH'; //@vuln CWE-798
const ENVS = ['staging', 'production'];
const REPOS = process.env.OPSCTL_REPOS || path.join(os.homedir(), 'src');
const REF_RE = /^[A-Za-z0-9][\w./-]{0,99}$/;
const HOST_RE = /^[a-z0-9][a-z0-9.-]{0,252}$/i;
const DB_RE = /^\w{1,64}$/;

const program = new Command();
program.name('opsctl').description('Acme ops helper').version('2.3.1');

function fail(msg) {
  console.error(`opsctl: ${msg}`);
  process.exit(1);
}

async function vaultSecret(p) {
  const { data } = await axios.get(`${VAULT_ADDR}/v1/secret/data/${p}`, { headers: { 'X-Vault-Token': process.env.VAULT_TOKEN || VAULT_FALLBACK_TOKEN } });
  return data.data.data;
}

program.command('logs <service>')
  .description('show journald logs for a unit')
  .option('-g, --grep <pattern>', 'only lines matching pattern')
  .option('-n, --lines <n>', 'number of lines', '200')
  .action((service, opts) => {
    const n = parseInt(opts.lines, 10) || 200;
    let cmd = `journalctl -u ${service} -n ${n} --no-pager`;
    if (opts.grep) cmd += ` | grep -E "${opts.grep}"`;
    execSync(cmd, { stdio: 'inherit' }); //@vuln CWE-78
  });

program.command('deploy <service>')
  .requiredOption('-r, --ref <ref>', 'git ref to deploy')
  .option('-e, --env <env>', 'environment', 'staging')
  .action(async (service, opts) => {
    if (!REF_RE.test(opts.ref) || !ENVS.includes(opts.env)) fail('bad ref or environment');
    const cwd = path.join(REPOS, path.basename(service));
    await execa('git', ['fetch', 'origin', opts.ref], { cwd, stdio: 'inherit' }); //@safe
    await execa('git', ['checkout', '--detach', 'FETCH_HEAD'], { cwd, stdio: 'inherit' });
    await execa.command(`kubectl --context ${opts.env} rollout restart deployment/${service}`, { shell: true, stdio: 'inherit' }); //@vuln CWE-78
  });

program.command('snapshot <dir>')
  .description('tar up a directory')
  .option('-o, --out <file>', 'output file')
  .action((dir, opts) => {
    const out = opts.out || `${path.basename(dir)}-${Date.now()}.tgz`;
    const child = spawn('sh', ['-c', `tar czf ${out} -C ${dir} .`], { stdio: 'inherit' }); //@vuln CWE-78
    child.on('exit', (code) => process.exit(code));
  });

program.command('db:dump <database>')
  .action(async (database) => {
    if (!DB_RE.test(database)) fail('bad database name');
    const creds = await vaultSecret('mysql/backoffice');
    const out = fs.openSync(`${database}-${new Date().toISOString().slice(0, 10)}.sql`, 'w');
    execFileSync('mysqldump', ['--single-transaction', '-h', config.mysql.host, '-u', creds.user, database], { stdio: ['ignore', out, 'inherit'], env: { ...process.env, MYSQL_PWD: creds.password } }); //@safe
  });

program.command('user:disable <email>')
  .option('--reason <text>', 'why', 'disabled via opsctl')
  .action(async (email, opts) => {
    const conn = await mysql.createConnection(config.mysql);
    const [rows] = await conn.execute('SELECT id, status FROM users WHERE email = ?', [email]);
    if (!rows.length) fail(`no user ${email}`);
    await conn.query(`UPDATE users SET status = 'disabled', status_reason = '${opts.reason}' WHERE email = '${email}'`); //@vuln CWE-89
    await conn.end();
    console.log(`disabled ${email} (id ${rows[0].id})`);
  });

program.command('export <table>')
  .option('--map <expr>', 'JS expression applied to each row, e.g. "({ id: row.id, email: row.email.toLowerCase() })"')
  .action(async (table, opts) => {
    if (!DB_RE.test(table)) fail('bad table name');
    const conn = await mysql.createConnection(config.mysql);
    const [rows] = await conn.query(`SELECT * FROM \`${table}\` LIMIT 5000`); //@safe
    const mapped = opts.map ? rows.map((row) => eval(opts.map)) : rows; //@vuln CWE-95
    process.stdout.write(JSON.stringify(mapped, null, 2));
    await conn.end();
  });

program.command('push-script <host> <script>')
  .description('copy a generated maintenance script to a host and run it')
  .action((host, script) => {
    if (!HOST_RE.test(host)) fail('bad host');
    const body = `#!/bin/sh\nset -e\n${fs.readFileSync(script, 'utf8')}\n`;
    const tmpScript = path.join(os.tmpdir(), `opsctl-${process.pid}.sh`);
    fs.writeFileSync(tmpScript, body, { mode: 0o755 }); //@vuln CWE-377
    execFileSync('scp', ['-q', tmpScript, `${host}:/tmp/opsctl-maint.sh`], { stdio: 'inherit' }); //@safe
    execFileSync('ssh', [host, 'sh', '/tmp/opsctl-maint.sh'], { stdio: 'inherit' });
  });

program.command('restore <bundle>')
  .option('--from-url', 'bundle argument is a URL')
  .option('--legacy', 'v1 bundle format')
  .action(async (bundle, opts) => {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsctl-restore-')); //@safe
    let file = bundle;
    if (opts.fromUrl) {
      const res = await axios.get(bundle, { responseType: 'arraybuffer' });
      file = path.join(workDir, 'bundle.zip');
      fs.writeFileSync(file, res.data);
    }
    const outDir = path.join(workDir, 'out');
    const extracted = opts.legacy ? extractLegacyBundle(file, outDir) : extractBundle(file, outDir);
    const manifest = serialize.unserialize(fs.readFileSync(path.join(outDir, 'manifest.ser'), 'utf8')); //@vuln CWE-502
    const bad = verifyChecksums(outDir, manifest.checksums);
    if (bad.length) fail(`checksum mismatch: ${bad.join(', ')}`);
    console.log(`restored ${extracted.length} files for ${manifest.service}@${manifest.version} into ${outDir}`);
  });

program.parseAsync(process.argv).catch((err) => fail(err.message));
