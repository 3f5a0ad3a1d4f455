import { Worker, Job } from 'bullmq';
import { exec, execFile } from 'child_process';
import fs from 'fs/promises';
import path from 'path';
import { promisify } from 'util';
import { connection } from '../connection';

const sh = promisify(exec);
const run = promisify(execFile);
const EXPORT_DIR = '/var/exports/marketplace';

interface ExportJob {
  table: string;
  fileName: string;
  requestedBy: string;
}

async function exportTable(job: Job<ExportJob>) {
  const { table, fileName, requestedBy } = job.data;
  const target = path.join(EXPORT_DIR, path.basename(fileName));
  await sh(`pg_dump "$DATABASE_URL" --data-only --table=${table} --file=${target}`); //@vuln CWE-78
  await run('gzip', ['-f', target]); //@safe
  await fs.writeFile(path.join(EXPORT_DIR, `${fileName}.meta.json`), JSON.stringify({ table, requestedBy, at: Date.now() })); //@vuln CWE-22
  return { file: `${target}.gz` };
}

export const exportWorker = new Worker<ExportJob>('admin-exports', exportTable, { connection, concurrency: 1 });
