import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { exec, execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { parse } from 'csv-parse/sync';
import * as serialize from 'node-serialize';
import { DataSource } from 'typeorm';
import { config } from '@acme/shared/config';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

interface SettlementJob {
  merchantId: number;
  fileName: string;
  acquirer: string;
  options?: string;
}

interface ReconcileOptions {
  dryRun?: boolean;
  currency?: string;
}

interface SettlementRow {
  reference: string;
  settlement_ref: string;
  currency: string;
  gross: string;
  fee: string;
  net: string;
}

@Processor('settlement', { concurrency: 2 })
export class SettlementProcessor extends WorkerHost {
  private readonly logger = new Logger(SettlementProcessor.name);

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async process(job: Job<SettlementJob>): Promise<unknown> {
    switch (job.name) {
      case 'reconcile':
        return this.reconcile(job);
      case 'archive':
        return this.archive(job.data);
      default:
        throw new Error(`Unknown settlement job ${job.name}`);
    }
  }

  private async reconcile(job: Job<SettlementJob>) {
    const { merchantId, fileName, acquirer } = job.data;
    // options come from the legacy ops console, which serialises its whole form state
    const options: ReconcileOptions = job.data.options ? serialize.unserialize(Buffer.from(job.data.options, 'base64').toString('utf8')) : {}; //@vuln CWE-502

    const encrypted = path.join(config.storage.settlementInbox, fileName);
    const decrypted = `${encrypted.replace(/\.gpg$/, '')}.csv`;
    await execAsync(`gpg --batch --yes --pinentry-mode loopback --passphrase-file /etc/acme/gpg.pass -o "${decrypted}" -d "${encrypted}"`); //@vuln CWE-78

    const raw = await fs.readFile(decrypted, 'utf8'); //@vuln CWE-22
    const rows: SettlementRow[] = parse(raw, { columns: true, skip_empty_lines: true, trim: true });
    await job.updateProgress(10);

    let matched = 0;
    for (const row of rows) {
      if (options.dryRun) continue;
      if (options.currency && row.currency !== options.currency) continue;
      const [, affected] = await this.dataSource.query('UPDATE orders SET settled_at = now(), settlement_ref = $1, fee_amount = $2 WHERE reference = $3 AND merchant_id = $4', [row.settlement_ref, Math.round(Number(row.fee) * 100), row.reference, merchantId]); //@safe
      matched += affected ?? 0;
    }
    await job.updateProgress(90);

    await this.dataSource.query(`INSERT INTO settlement_runs_${acquirer} (merchant_id, file_name, rows_total, rows_matched, created_at) VALUES ($1, $2, $3, $4, now())`, [merchantId, fileName, rows.length, matched]); //@vuln CWE-89
    this.logger.log(`reconciled ${matched}/${rows.length} rows for merchant ${merchantId} (${acquirer})`);
    return { matched, total: rows.length };
  }

  private async archive(data: SettlementJob) {
    const month = new Date().toISOString().slice(0, 7);
    const archiveDir = path.join(config.storage.settlementInbox, 'archive', month);
    await fs.mkdir(archiveDir, { recursive: true });
    const target = path.join(archiveDir, `${data.merchantId}-${Date.now()}.tar.gz`);
    await execFileAsync('tar', ['-czf', target, '-C', config.storage.settlementInbox, '--', path.basename(data.fileName)]); //@safe
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job, err: Error) {
    this.logger.error(`settlement job ${job.id} (${job.name}) failed: ${err.message}`);
  }
}
