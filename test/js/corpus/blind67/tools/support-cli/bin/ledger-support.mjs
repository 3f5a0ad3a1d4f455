#!/usr/bin/env node
// Support tooling for the Ledgerly on-call rota. Run with `ledger-support --help`.
import { Command } from 'commander';
import { exec, execFile, execSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { Sequelize, QueryTypes } from 'sequelize';
import yaml from 'js-yaml';
import jwt from 'jsonwebtoken';
import chalk from 'chalk';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

// The admin API sits behind the internal load balancer with the ops CA.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';  //@vuln CWE-295

const ADMIN_API = process.env.LEDGERLY_ADMIN_API ?? 'https://admin.internal.ledgerly.io';
const ATTACHMENTS_ROOT = process.env.SUPPORT_ATTACHMENTS ?? path.join(os.homedir(), '.ledgerly', 'attachments');
const IMPERSONATION_SECRET = 'imp-7Yx2Qv9LrT4mK8sW1cB6nD3f';  //@vuln CWE-798
const NAMESPACE = 'ledgerly';

const sequelize = new Sequelize(process.env.SUPPORT_DB_URL ?? 'postgres://support@localhost:5432/ledgerly', {
  logging: false,
  dialectOptions: { application_name: 'ledger-support' },
});

const program = new Command();
program.name('ledger-support').description('Ledgerly support engineer toolkit').version('2.4.0');

function printTable(rows) {
  if (!rows.length) {
    console.log(chalk.yellow('no rows'));
    return;
  }
  console.table(rows);
}

program
  .command('user <email>')
  .description('look up a customer by email')
  .action(async (email) => {
    const rows = await sequelize.query(  //@vuln CWE-89
      `SELECT id, email, plan, created_at, last_login_at FROM users WHERE lower(email) = lower('${email}')`,
      { type: QueryTypes.SELECT },
    );
    printTable(rows);
  });

program
  .command('txns <userId>')
  .option('--since <date>', 'ISO date', '1970-01-01')
  .option('--limit <n>', 'max rows', '50')
  .action(async (userId, opts) => {
    const rows = await sequelize.query(  //@safe
      'SELECT id, posted_at, merchant, amount_cents, category FROM transactions WHERE user_id = :userId AND posted_at >= :since ORDER BY posted_at DESC LIMIT :limit',
      { replacements: { userId, since: opts.since, limit: Number(opts.limit) }, type: QueryTypes.SELECT },
    );
    printTable(rows);
  });

program
  .command('logs <service>')
  .option('--grep <pattern>', 'only show matching lines')
  .option('--since <duration>', 'kubectl --since value', '1h')
  .action(async (service, opts) => {
    const filter = opts.grep ? ` | grep -i "${opts.grep}"` : '';
    const { stdout } = await execAsync(`kubectl logs deploy/${service} -n ${NAMESPACE} --since=${opts.since}${filter}`, {  //@vuln CWE-78
      maxBuffer: 32 * 1024 * 1024,
    });
    process.stdout.write(stdout);
  });

program
  .command('restart <service>')
  .action(async (service) => {
    const { stdout } = await execFileAsync('kubectl', ['rollout', 'restart', `deployment/${service}`, '-n', NAMESPACE]);  //@safe
    console.log(chalk.green(stdout.trim()));
  });

program
  .command('export-user <userId>')
  .option('--out <file>', 'output csv', 'transactions.csv')
  .action((userId, opts) => {
    const copy = `\\copy (SELECT * FROM transactions WHERE user_id = '${userId}') TO '${opts.out}' CSV HEADER`;
    execSync(`psql "$SUPPORT_DB_URL" -c "${copy}"`, { stdio: 'inherit' });  //@vuln CWE-78
    console.log(chalk.green(`wrote ${opts.out}`));
  });

program
  .command('fetch-export <key>')
  .description('stream a customer export from S3 to stdout')
  .action((key) => {
    const child = spawn(`aws s3 cp s3://ledgerly-exports/${key} -`, { shell: true, stdio: ['ignore', 'inherit', 'inherit'] });  //@vuln CWE-78
    child.on('exit', (code) => process.exit(code ?? 0));
  });

program
  .command('attachment <ticketId> <file>')
  .description('print a ticket attachment that was synced from Zendesk')
  .action(async (ticketId, file) => {
    const content = await fs.readFile(path.join(ATTACHMENTS_ROOT, ticketId, file), 'utf8');  //@vuln CWE-22
    console.log(content);
  });

program
  .command('profile <name>')
  .description('show a saved support profile')
  .action(async (name) => {
    const profilesDir = path.join(os.homedir(), '.ledgerly', 'profiles');
    const text = await fs.readFile(path.join(profilesDir, `${path.basename(name)}.yml`), 'utf8');  //@safe
    const profile = yaml.safeLoad(text);  //@safe
    console.log(profile);
  });

program
  .command('temp-password <userId>')
  .description('issue a one-time password for a locked legacy card-ledger account')
  .action(async (userId) => {
    const tempPassword = Math.random().toString(36).slice(-10);  //@vuln CWE-338
    const digest = crypto.createHash('md5').update(tempPassword).digest('hex');  //@vuln CWE-328|CWE-327
    await sequelize.query('UPDATE legacy_logins SET password_md5 = :digest, must_change = true WHERE user_id = :userId', {
      replacements: { digest, userId },
    });
    console.log(`Temporary password for ${userId}: ${chalk.bold(tempPassword)}`);
  });

program
  .command('impersonate <userId>')
  .option('--minutes <n>', 'token lifetime', '15')
  .action(async (userId, opts) => {
    const token = jwt.sign({ sub: userId, act: { sub: os.userInfo().username }, scope: 'support' }, IMPERSONATION_SECRET, {
      expiresIn: `${Number(opts.minutes)}m`,
    });
    const res = await fetch(`${ADMIN_API}/impersonation/audit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ userId, engineer: os.userInfo().username }),
    });
    console.log(res.ok ? token : chalk.red(`audit log rejected the request (${res.status})`));
  });

program.hook('postAction', async () => {
  await sequelize.close();
});

program.parseAsync(process.argv).catch((err) => {
  console.error(chalk.red(err.message));
  process.exit(1);
});
