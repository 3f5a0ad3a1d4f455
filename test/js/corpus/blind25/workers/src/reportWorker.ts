import { Worker, Job, Queue } from 'bullmq';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import fsp from 'fs/promises';
import path from 'path';
import crypto from 'crypto';
import axios from 'axios';
import serialize from 'node-serialize';
import { config } from '../../shared/config';
import { db } from '../../api/src/repositories/userRepo';
import { toCsv } from '../../api/src/utils/helpers';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const connection = {
  host: config.redis.host,
  port: config.redis.port,
  password: config.redis.password ?? 'bull-Redis-2023-prod', //@vuln CWE-798
};

export interface ReportJob {
  accountId: number;
  name: string;
  format: 'csv' | 'pdf' | 'xlsx';
  from: string;
  to: string;
  status?: string;
  callbackUrl?: string;
  encrypt?: boolean;
}

export const notifications = new Queue('notifications', { connection });

async function buildReport(job: Job<ReportJob>) {
  const { accountId, name, format, from, to, status } = job.data;
  const params: unknown[] = [accountId, from, to];
  let sql = 'SELECT id, total, currency, status, created_at FROM orders WHERE account_id = ? AND created_at BETWEEN ? AND ?';
  if (status) {
    sql += ` AND status = '${status}'`;
  }
  const result = await db.raw(sql, params); //@vuln CWE-89
  const rows = result.rows as Record<string, unknown>[];
  await job.updateProgress(40);

  const csvPath = path.join(config.reportDir, `${name}.csv`);
  await fsp.writeFile(csvPath, toCsv(rows)); //@vuln CWE-22

  let output = csvPath;
  if (format === 'pdf' || format === 'xlsx') {
    await execAsync(`soffice --headless --convert-to ${format} --outdir ${config.reportDir} ${csvPath}`); //@vuln CWE-78
    output = csvPath.replace(/\.csv$/, `.${format}`);
  }
  await job.updateProgress(80);

  if (job.data.encrypt) {
    const key = crypto.scryptSync(process.env.REPORT_KEY_SECRET ?? '', `reports-${accountId}`, 16);
    const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
    const data = await fsp.readFile(output);
    await fsp.writeFile(output + '.enc', Buffer.concat([cipher.update(data), cipher.final()]));
    output += '.enc';
  }
  return output;
}

export const reportWorker = new Worker<ReportJob>(
  'reports',
  async (job) => {
    const output = await buildReport(job);
    const stat = await fsp.stat(output);
    const checksum = (await execFileAsync('sha256sum', [output])).stdout.split(' ')[0];
    if (job.data.callbackUrl) {
      await axios.post(job.data.callbackUrl, { jobId: job.id, file: path.basename(output), size: stat.size, checksum }); //@vuln CWE-918
    }
    await notifications.add('report-ready', { accountId: job.data.accountId, file: path.basename(output) });
    return { output, size: stat.size };
  },
  { connection, concurrency: 4 },
);

/** Legacy PHP producer pushes serialized "saved searches" onto this queue. */
export const importWorker = new Worker<{ accountId: number; blob: string }>(
  'saved-search-import',
  async (job) => {
    const search = serialize.unserialize(job.data.blob); //@vuln CWE-502
    const rows = await db('saved_searches').insert({ account_id: job.data.accountId, query: JSON.stringify(search) }).returning('id');
    return rows[0];
  },
  { connection },
);

export const cleanupWorker = new Worker<{ accountId: number }>(
  'account-cleanup',
  async (job) => {
    const dir = path.join(config.reportDir, String(Number(job.data.accountId)));
    await execFileAsync('rm', ['-rf', '--', dir]); //@safe
    await db.raw('DELETE FROM report_runs WHERE account_id = ?', [job.data.accountId]); //@safe
  },
  { connection },
);

for (const w of [reportWorker, importWorker, cleanupWorker]) {
  w.on('failed', (job, err) => console.error(`[${w.name}] job ${job?.id} failed:`, err.message));
}
