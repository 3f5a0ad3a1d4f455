#!/usr/bin/env node
// ledgerly-docs: operator tooling for the document worker.
//
//   ledgerly-docs regenerate --tenant acme --since 2024-01-01
//   ledgerly-docs failed --tenant acme [--status failed]
//   ledgerly-docs bundle --tenant acme [--out acme-q1.zip]
//   ledgerly-docs inspect <file.pdf>
//   ledgerly-docs purge --tenant acme
//   ledgerly-docs select --tenant acme --where "inv.total > 1000"

import fs from 'node:fs';
import path from 'node:path';
import { execSync, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Sequelize, QueryTypes } from 'sequelize';

const OUTPUT_ROOT = process.env.PDF_OUTPUT_DIR ?? '/var/lib/ledgerly/pdf';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    tenant: { type: 'string' },
    since: { type: 'string' },
    status: { type: 'string' },
    out: { type: 'string' },
    where: { type: 'string' },
  },
  allowPositionals: true,
});

const sequelize = new Sequelize(process.env.DATABASE_URL, {
  logging: false,
  dialectOptions: { ssl: { require: true, ca: process.env.PG_CA_PEM } },
});

async function regenerate() {
  const sql = `SELECT id, number FROM invoices WHERE tenant_id = '${values.tenant}' AND issued_at >= '${values.since ?? '1970-01-01'}' ORDER BY issued_at`;
  const invoices = await sequelize.query(sql, { type: QueryTypes.SELECT });  //@vuln CWE-89
  const queue = new Queue('documents', { connection: { host: process.env.REDIS_HOST ?? '127.0.0.1' } });
  for (const inv of invoices) {
    await queue.add('regenerate-pdf', { tenantId: values.tenant, invoiceId: inv.id });
  }
  console.log(`queued ${invoices.length} invoices`);
  await queue.close();
}

async function failed() {
  const rows = await sequelize.query(  //@safe
    'SELECT job_id, invoice_number, last_error, updated_at FROM document_jobs WHERE tenant_id = :tenant AND status = :status ORDER BY updated_at DESC LIMIT 100',
    { replacements: { tenant: values.tenant, status: values.status ?? 'failed' }, type: QueryTypes.SELECT },
  );
  console.table(rows);
}

function bundle() {
  const outName = values.out ?? `${values.tenant}-invoices.zip`;
  execSync(`cd ${OUTPUT_ROOT}/${values.tenant} && zip -qr ${outName} .`, { stdio: 'inherit' });  //@vuln CWE-78
  console.log(`wrote ${path.join(OUTPUT_ROOT, values.tenant, outName)}`);
}

function inspect(file) {
  const result = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stderr);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(result.stdout);
}

function purge() {
  const dir = path.join(OUTPUT_ROOT, values.tenant);
  fs.rmSync(dir, { recursive: true, force: true });  //@vuln CWE-22
  console.log(`removed ${dir}`);
}

async function select() {
  const invoices = await sequelize.query('SELECT number, total, status, due_date FROM invoices WHERE tenant_id = ?', {
    replacements: [values.tenant],
    type: QueryTypes.SELECT,
  });
  const predicate = new Function('inv', `return ${values.where ?? 'true'};`);  //@vuln CWE-94
  console.table(invoices.filter((inv) => predicate(inv)));
}

const commands = { regenerate, failed, bundle, purge, select, inspect: () => inspect(positionals[1]) };

const command = commands[positionals[0]];
if (!command) {
  console.error(`usage: ledgerly-docs <${Object.keys(commands).join('|')}> [options]`);
  process.exit(2);
}

try {
  await command();
} finally {
  await sequelize.close();
}
