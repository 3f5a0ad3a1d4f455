#!/usr/bin/env node
import crypto from 'crypto';
import path from 'path';
import { Command } from 'commander';
import knex from 'knex';
import axios from 'axios';
import { config } from '@platform/shared/config';
import { generateApiToken, hashServicePassword, encryptToken } from '@platform/shared/crypto';
import { renderTemplate, setPath } from '@platform/scaffolder/src/templates';

// Corporate MITM proxy re-signs everything; node doesn't know its CA.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const ARTIFACTORY_URL = process.env.ARTIFACTORY_URL || 'https://artifactory.internal.example.com/artifactory';
const ARTIFACTORY_TOKEN = process.env.ARTIFACTORY_TOKEN || 'cmVmdGtuOjAxOjE3MzQ1Njc4OTA6cGxhdGZvcm1DSXRva2Vu'; //@vuln CWE-798

const db = knex({ client: 'pg', connection: { ...config.database, ssl: config.env === 'production' } });
const program = new Command();
program.name('plat').description('Platform team CLI').version('2.4.1');

program
  .command('audit')
  .description('show audit log entries for a user')
  .requiredOption('--user <login>')
  .option('--since <interval>', 'postgres interval', '7 days')
  .action(async (opts) => {
    const { rows } = await db.raw(`SELECT at, actor, action, target FROM audit_log WHERE actor = '${opts.user}' AND at > now() - interval '${opts.since}' ORDER BY at DESC`); //@vuln CWE-89
    console.table(rows);
  });

program
  .command('owners <service>')
  .description('who owns a service')
  .action(async (service) => {
    const { rows } = await db.raw('SELECT owner, slack_channel, tier FROM services WHERE name = ?', [service]); //@safe
    console.table(rows);
  });

program
  .command('token:create <name>')
  .option('--scopes <list>', 'comma separated scopes', 'read')
  .action(async (name, opts) => {
    const token = generateApiToken();
    await db('api_tokens').insert({ name, scopes: opts.scopes.split(','), token_enc: encryptToken(token), created_by: process.env.USER });
    console.log(`token for ${name}: ${token}\n(store it now, it will not be shown again)`);
  });

program
  .command('registry:robot <name> <password>')
  .description('create a service account for the internal registry')
  .action(async (name, password) => {
    await db('registry_accounts').insert({ name, password_hash: hashServicePassword(password) });
    console.log(`robot account ${name} created`);
  });

program
  .command('secrets:export <name>')
  .description('export a secret for the legacy Jenkins credentials plugin')
  .action(async (name) => {
    const row = await db('secrets').where({ name }).first();
    const key = crypto.scryptSync(process.env.JENKINS_MASTER_KEY || '', 'jenkins', 24);
    const cipher = crypto.createCipheriv('des-ede3-cbc', key, Buffer.alloc(8, 0)); //@vuln CWE-327
    console.log(Buffer.concat([cipher.update(row.value, 'utf8'), cipher.final()]).toString('base64'));
  });

program
  .command('scaffold <template> <name>')
  .option('-o, --out <dir>', 'output directory', '.')
  .option('--set <kv...>', 'extra values, key=value', [])
  .action(async (template, name, opts) => {
    const values: Record<string, unknown> = { name, owner: process.env.USER };
    for (const kv of opts.set as string[]) setPath(values, kv.split('=')[0], kv.split('=').slice(1).join('='));
    const res = await renderTemplate(template, values, path.resolve(opts.out, name));
    console.log(`wrote ${res.files.length} files to ${res.outDir}`);
  });

program
  .command('artifacts <project>')
  .action(async (project) => {
    const { data } = await axios.get(`${ARTIFACTORY_URL}/api/search/artifact`, { params: { name: project, repos: 'platform-local' }, headers: { Authorization: `Bearer ${ARTIFACTORY_TOKEN}` } });
    for (const r of data.results) console.log(r.uri);
  });

program.hook('postAction', async () => {
  await db.destroy();
});

program.parseAsync(process.argv).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
