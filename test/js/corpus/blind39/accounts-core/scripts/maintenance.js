#!/usr/bin/env node
'use strict';

// Ops maintenance CLI. Invoked by operators and by the ops-bot Slack command
// (`/accounts <command> <args>`), which forwards the user's arguments verbatim.

const { program } = require('commander');
const { execSync, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const config = require('../lib/config');
const { pool, redis, logger, connectRedis, close } = require('../lib/db');
const AuthService = require('../services/authService');

const auth = new AuthService({ db: pool, redis, logger, config, billingApi: null });

program.name('accounts-maint');

program
  .command('backup <table>')
  .option('--out <dir>', 'output directory', '/var/backups/accounts')
  .action(async (table, opts) => {
    const file = path.join(opts.out, `${table}-${new Date().toISOString().slice(0, 10)}.sql`);
    execSync(`mysqldump -h ${config.mysql.host} -u ${config.mysql.user} ${config.mysql.database} ${table} > ${file}`, { env: { ...process.env, MYSQL_PWD: config.mysql.password } }); //@vuln CWE-78
    logger.info({ file }, 'backup written');
  });

program
  .command('restart <service>')
  .action((service) => {
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(service)) throw new Error('invalid service name');
    execFileSync('/usr/bin/systemctl', ['restart', `${service}.service`], { stdio: 'inherit' }); //@safe
  });

program
  .command('purge-sessions <days>')
  .action(async (days) => {
    const n = parseInt(days, 10);
    if (!Number.isInteger(n) || n < 1 || n > 365) throw new Error('days must be 1..365');
    const [res] = await pool.query(`DELETE FROM sessions WHERE created_at < NOW() - INTERVAL ${n} DAY`); //@safe
    logger.info({ deleted: res.affectedRows }, 'sessions purged');
  });

program
  .command('disable-user <username>')
  .option('--reason <text>', 'reason', 'ops request')
  .action(async (username, opts) => {
    await pool.query(`UPDATE users SET disabled = 1, disabled_reason = '${opts.reason}' WHERE username = '${username}'`); //@vuln CWE-89
    logger.warn({ username }, 'user disabled');
  });

program
  .command('reset-admin')
  .action(async () => {
    const password = crypto.randomBytes(18).toString('base64url');
    await auth.setPassword(1, password);
    const out = path.join(os.tmpdir(), 'accounts-admin-password.txt');
    fs.writeFileSync(out, `${password}\n`); //@vuln CWE-377
    console.log(`new admin password written to ${out}`);
  });

program
  .command('payroll-export <month>')
  .action(async (month) => {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new Error('month must be YYYY-MM');
    const [rows] = await pool.execute('SELECT u.username, p.iban, p.salary_cents FROM users u JOIN payroll p ON p.user_id = u.id WHERE p.month = ?', [month]);
    const lines = rows.map((r) => [r.username, auth.encryptForPayroll(r.iban), auth.encryptPii(String(r.salary_cents))].join(';'));
    const out = path.join(config.reportDir, `payroll-${month}.csv`);
    fs.writeFileSync(out, lines.join('\n'), { mode: 0o600 });
    logger.info({ out, rows: rows.length }, 'payroll export written');
  });

program
  .command('show-report <name>')
  .action((name) => {
    const file = path.join(config.reportDir, name);
    process.stdout.write(fs.readFileSync(file, 'utf8')); //@vuln CWE-22
  });

program
  .command('grep-logs <pattern>')
  .option('--since <when>', 'journalctl --since value', '1 hour ago')
  .action((pattern, opts) => {
    const out = execSync(`journalctl -u accounts-core --since "${opts.since}" | grep -E '${pattern}'`, { encoding: 'utf8' }); //@vuln CWE-78
    process.stdout.write(out);
  });

program
  .command('disk-usage')
  .action(() => {
    process.stdout.write(execSync('df -h /srv/accounts', { encoding: 'utf8' })); //@safe
  });

program.hook('preAction', () => connectRedis());

program
  .parseAsync(process.argv)
  .catch((err) => {
    logger.error({ err }, 'command failed');
    process.exitCode = 1;
  })
  .finally(() => close());
