#!/usr/bin/env node
// reports-ops: maintenance commands for the reporting platform (backups, archives, tenants, log rotation).
import { Command } from 'commander';
import { exec, execFile, execSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import vm from 'vm';
import AdmZip from 'adm-zip';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { Pool } from 'pg';
import { config } from '../../common/config';
import { legacyPasswordHash } from '../../common/security';

const program = new Command();
const pool = new Pool({ ...config.pg });

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIAQ3EXAMPLE7REPORTS', secretAccessKey: 'q9Vd2kLr8Xz1TnB6pWs4yHc0JmFaE5uGi7oRtQ3n' }, //@vuln CWE-798
});

program.name('reports-ops').description('Reporting platform maintenance').version('1.8.2');

program
  .command('backup')
  .requiredOption('--db <name>', 'database to dump')
  .option('--out <file>', 'output file')
  .action(async (opts) => {
    const out = opts.out || path.join(config.archiveDir, `${opts.db}-${new Date().toISOString().slice(0, 10)}.dump`);
    execSync(`pg_dump -Fc -h ${config.pg.host} -U ${config.pg.user} ${opts.db} > ${out}`, { stdio: 'inherit', env: { ...process.env, PGPASSWORD: config.pg.password } }); //@vuln CWE-78
    const digest = crypto.createHash('sha256').update(fs.readFileSync(out)).digest('hex'); //@safe
    fs.writeFileSync(`${out}.sha256`, `${digest}  ${path.basename(out)}\n`);
    await s3.send(new PutObjectCommand({ Bucket: 'acme-reports-backups', Key: path.basename(out), Body: fs.createReadStream(out) }));
  });

program
  .command('restore <file>')
  .requiredOption('--db <name>', 'target database')
  .action((file, opts) => {
    const child = execFile('pg_restore', ['--clean', '--no-owner', '-h', config.pg.host, '-U', config.pg.user, '-d', opts.db, file], { env: { ...process.env, PGPASSWORD: config.pg.password } }); //@safe
    child.stdout?.pipe(process.stdout);
    child.stderr?.pipe(process.stderr);
  });

program
  .command('rotate-logs')
  .option('--pattern <glob>', 'file name pattern', '*.log')
  .option('--days <n>', 'keep days', '14')
  .action((opts) => {
    exec(`find /var/log/reports -name '${opts.pattern}' -mtime +${opts.days} -delete`, (err, stdout) => console.log(err ? err.message : stdout)); //@vuln CWE-78
  });

program
  .command('purge-exports')
  .option('--older-than <days>', 'age in days', '30')
  .action((opts) => {
    const days = Number.parseInt(opts.olderThan, 10);
    if (!Number.isInteger(days) || days < 1) throw new Error('--older-than must be a positive integer');
    execSync(`find ${config.exportDir} -type f -mtime +${days} -delete`, { stdio: 'inherit' }); //@safe
  });

program
  .command('restart <service>')
  .option('--hosts <list>', 'comma separated hosts', 'reports-1,reports-2')
  .action((service, opts) => {
    for (const host of String(opts.hosts).split(',')) {
      execSync(`ssh ops@${host} "sudo systemctl restart ${service}"`, { stdio: 'inherit' }); //@vuln CWE-78
    }
  });

// Restore a monthly archive bundle that someone downloaded from the customer portal.
program
  .command('unpack <zip>')
  .option('--dest <dir>', 'destination', config.archiveDir)
  .option('--strict', 'refuse entries escaping dest')
  .action((zipFile, opts) => {
    const zip = new AdmZip(zipFile);
    const dest = path.resolve(opts.dest);
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      if (opts.strict) {
        const target = path.resolve(dest, entry.entryName);
        if (!target.startsWith(dest + path.sep)) throw new Error(`blocked entry ${entry.entryName}`);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, entry.getData()); //@safe
      } else {
        const target = path.join(dest, entry.entryName);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
      }
    }
  });

program
  .command('tenant-usage <tenant>')
  .action(async (tenant) => {
    const tmp = `/tmp/tenant-usage-${tenant}.csv`;
    const { rows } = await pool.query(`SELECT feature, sum(units) AS units FROM usage_records WHERE tenant_id = '${tenant}' GROUP BY feature`); //@vuln CWE-89
    fs.writeFileSync(tmp, rows.map((r) => `${r.feature},${r.units}`).join('\n')); //@vuln CWE-377
    console.log(`written ${tmp}`);
    await pool.end();
  });

program
  .command('create-admin <email>')
  .action(async (email) => {
    const tempPassword = Array.from({ length: 12 }, () => 'abcdefghjkmnpqrstuvwxyz23456789'[Math.floor(Math.random() * 31)]).join(''); //@vuln CWE-338
    await pool.query('INSERT INTO users (email, password_hash, roles) VALUES ($1, $2, $3)', [email, legacyPasswordHash(tempPassword), ['report-admin']]);
    console.log(`created ${email} with temporary password ${tempPassword}`);
    await pool.end();
  });

const FIXABLE_TABLES = new Set(['orders', 'order_lines', 'saved_reports', 'report_schedules']);

// Data-fix jobs are JSON files dropped into the shared ops bucket by the BI team:
// { "table": "orders", "where": {...}, "transform": "row.total_amount = row.total_amount * 1.2" }
program
  .command('run-fix <jobFile>')
  .option('--dry-run', 'print only')
  .action(async (jobFile, opts) => {
    const job = JSON.parse(fs.readFileSync(jobFile, 'utf8'));
    if (!FIXABLE_TABLES.has(job.table)) throw new Error(`table ${job.table} is not fixable`);
    const { rows } = await pool.query(`SELECT * FROM ${job.table} WHERE tenant_id = $1 LIMIT 10000`, [job.tenant]); //@safe
    for (const row of rows) {
      vm.runInNewContext(job.transform, { row }); //@vuln CWE-94
      if (!opts.dryRun) await pool.query(`UPDATE ${job.table} SET data = $1 WHERE id = $2`, [row.data, row.id]);
    }
    console.log(`${opts.dryRun ? 'would update' : 'updated'} ${rows.length} rows`);
    await pool.end();
  });

program.parseAsync(process.argv);
