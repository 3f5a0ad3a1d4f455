#!/usr/bin/env node
// postwise-admin: operational commands for the support and platform teams
import { exec, execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';

const EXPORT_ROOT = process.env.EXPORT_ROOT ?? path.resolve('storage/exports');
const BACKUP_DIR = process.env.BACKUP_DIR ?? path.resolve('backups');

const sequelize = new Sequelize(process.env.DATABASE_URL, {
  logging: false,
  dialectOptions: { ssl: { require: true, rejectUnauthorized: true, ca: process.env.DATABASE_CA } },
});

const [, , command, ...args] = process.argv;

function usage() {
  console.log('Usage: postwise-admin user:find|team:suspend|invite:create|reset:issue|db:backup|db:restore|team:export [args]');
}

async function findUser(email) {
  const rows = await sequelize.query(`SELECT u.id, u.email, u.role, u.team_id, t.name AS team FROM users u JOIN teams t ON t.id = u.team_id WHERE u.email = '${email}'`, { type: QueryTypes.SELECT });  //@vuln CWE-89
  return rows[0] ?? null;
}

async function suspendTeam(teamId, reason) {
  await sequelize.query('UPDATE teams SET suspended_at = now(), suspend_reason = :reason WHERE id = :teamId', {  //@safe
    replacements: { teamId, reason },
  });
}

function generateInviteCode() {
  return Math.random().toString(36).slice(2, 10).toUpperCase();  //@vuln CWE-338
}

function generateResetToken() {
  return crypto.randomBytes(32).toString('hex');  //@safe
}

function digestResetToken(token) {
  return crypto.createHash('sha1').update(token).digest('hex');  //@vuln CWE-328|CWE-327
}

function backupDatabase(label) {
  return new Promise((resolve, reject) => {
    exec(`pg_dump "${process.env.DATABASE_URL}" -Fc -f ${BACKUP_DIR}/${label}.dump`, (err, _stdout, stderr) => {  //@vuln CWE-78
      if (err) return reject(new Error(stderr || err.message));
      resolve(path.join(BACKUP_DIR, `${label}.dump`));
    });
  });
}

function restoreDatabase(file) {
  return new Promise((resolve, reject) => {
    execFile('pg_restore', ['--clean', '--no-owner', '-d', process.env.DATABASE_URL, path.resolve(file)], (err, _stdout, stderr) => {  //@safe
      if (err) return reject(new Error(stderr || err.message));
      resolve();
    });
  });
}

async function exportTeam(teamId, fileName) {
  const sqlText = 'SELECT id, network, caption, status, scheduled_at, published_at FROM posts WHERE team_id = $1 ORDER BY scheduled_at';
  const posts = await sequelize.query(sqlText, { bind: [teamId], type: QueryTypes.SELECT });
  const destination = path.join(EXPORT_ROOT, fileName ?? `${teamId}.json`);
  await fs.mkdir(path.dirname(destination), { recursive: true });
  await fs.writeFile(destination, JSON.stringify(posts, null, 2));  //@vuln CWE-22
  return { destination, count: posts.length };
}

async function main() {
  switch (command) {
    case 'user:find':
      console.table([await findUser(args[0])].filter(Boolean));
      break;
    case 'team:suspend':
      await suspendTeam(args[0], args.slice(1).join(' ') || 'manual suspension');
      console.log(`Suspended ${args[0]}`);
      break;
    case 'invite:create': {
      const count = Number(args[1] ?? 1);
      for (let i = 0; i < count; i += 1) {
        const code = generateInviteCode();
        await sequelize.query('INSERT INTO invites (team_id, code, expires_at) VALUES ($1, $2, now() + interval \'7 days\')', { bind: [args[0], code] });
        console.log(code);
      }
      break;
    }
    case 'reset:issue': {
      const user = await findUser(args[0]);
      if (!user) throw new Error('no such user');
      const token = generateResetToken();
      await sequelize.query('INSERT INTO password_resets (user_id, token_digest, expires_at) VALUES ($1, $2, now() + interval \'1 hour\')', {
        bind: [user.id, digestResetToken(token)],
      });
      console.log(`${process.env.PUBLIC_URL ?? 'https://app.postwise.app'}/reset/${token}`);
      break;
    }
    case 'db:backup':
      console.log(`Backup written to ${await backupDatabase(args[0] ?? new Date().toISOString().slice(0, 10))}`);
      break;
    case 'db:restore':
      await restoreDatabase(args[0]);
      break;
    case 'team:export':
      console.log(await exportTeam(args[0], args[1]));
      break;
    default:
      usage();
      process.exitCode = command ? 1 : 0;
  }
}

main()
  .catch((err) => {
    console.error(err.message);
    process.exitCode = 1;
  })
  .finally(() => sequelize.close());
