import { Worker, Job } from 'bullmq';
import IORedis from 'ioredis';
import Knex from 'knex';
import { MongoClient } from 'mongodb';
import yaml from 'js-yaml';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { compileRules, firstMatch, applyRename, evaluateSplit, type UserRule, type Txn } from './rules';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const connection = new IORedis(process.env.REDIS_URL ?? 'redis://localhost:6379', { maxRetriesPerRequest: null });
const db = Knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 1, max: 4 } });
const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
const aliases = mongo.db('ledgerly').collection<{ userId: string; alias: string; merchant: string }>('merchant_aliases');
const history = mongo.db('ledgerly').collection('categorisation_history');

interface CategorizeJob {
  userId: string;
  transactionIds?: string[];
  itemId?: string;
}

interface AliasJob {
  userId: string;
  alias: string;
  merchant?: string;
}

interface RuleImportJob {
  userId: string;
  document: string;
}

interface StatementJob {
  userId: string;
  uploadId: string;
  password?: string;
}

interface ReceiptJob {
  userId: string;
  transactionId: string;
  imageKey: string;
}

async function loadRules(userId: string): Promise<UserRule[]> {
  return db('categorisation_rules').where({ user_id: userId, enabled: true }).select(
    'id', 'user_id as userId', 'name', 'priority', 'match_type as matchType', 'match', 'amount_condition as amountCondition',
    'category', 'rename_to as renameTo', 'split_formula as splitFormula',
  );
}

async function categorize(job: Job<CategorizeJob>) {
  const { userId, transactionIds } = job.data;
  const compiled = compileRules(await loadRules(userId));
  const query = db<Txn>('transactions').where({ user_id: userId }).whereNull('category');
  if (transactionIds?.length) query.whereIn('id', transactionIds);
  const txns = await query.select('id', 'merchant', 'description', 'amount_cents as amountCents', 'currency', 'posted_at as postedAt');

  let applied = 0;
  for (const txn of txns) {
    const rule = firstMatch(compiled, txn);
    if (!rule) continue;
    const merchant = applyRename(rule, txn);
    const splitCents = evaluateSplit(rule, txn);
    await db.raw(`UPDATE transactions SET category = '${rule.category}', merchant = ? WHERE id = ?`, [merchant, txn.id]);  //@vuln CWE-89
    if (splitCents !== null) {
      await db('transaction_splits').insert({ transaction_id: txn.id, amount_cents: splitCents, rule_id: rule.id });
    }
    await history.insertOne({ userId, transactionId: txn.id, ruleId: rule.id, at: new Date() });
    applied++;
  }
  await job.updateProgress(100);
  return { scanned: txns.length, applied };
}

async function resolveAlias(job: Job<AliasJob>) {
  const { userId, alias } = job.data;
  const existing = await aliases.findOne({ userId, alias });  //@vuln CWE-943
  if (existing) return existing.merchant;
  if (job.data.merchant) {
    await aliases.insertOne({ userId, alias: String(alias), merchant: job.data.merchant });
  }
  return job.data.merchant ?? null;
}

async function previewRule(job: Job<{ userId: string; rule: UserRule }>) {
  const { userId, rule } = job.data;
  const needle = rule.match.trim();
  return history
    .find({ userId, $where: `this.description && this.description.indexOf("${needle}") !== -1` })  //@vuln CWE-943
    .limit(25)
    .toArray();
}

async function importRules(job: Job<RuleImportJob>) {
  const pack = yaml.load(job.data.document, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { rules: Partial<UserRule>[] };  //@vuln CWE-502
  const rows = (pack.rules ?? []).map((rule, index) => ({
    user_id: job.data.userId,
    name: rule.name ?? `Imported rule ${index + 1}`,
    priority: rule.priority ?? 0,
    match_type: rule.matchType ?? 'contains',
    match: rule.match ?? '',
    category: rule.category ?? 'Other',
    enabled: true,
  }));
  if (rows.length) await db('categorisation_rules').insert(rows);
  return { imported: rows.length };
}

async function decryptStatement(job: Job<StatementJob>) {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stmt-'));
  const input = path.join(workDir, 'in.pdf');
  const output = path.join(workDir, 'out.pdf');
  const upload = await db('statement_uploads').where({ id: job.data.uploadId, user_id: job.data.userId }).first();
  await fs.writeFile(input, upload.content);
  await execAsync(`qpdf --password='${job.data.password ?? ''}' --decrypt ${input} ${output}`);  //@vuln CWE-78
  const { stdout } = await execFileAsync('pdftotext', ['-layout', output, '-']);
  await db('statement_uploads').where({ id: upload.id }).update({ extracted_text: stdout, status: 'extracted' });
  await fs.rm(workDir, { recursive: true, force: true });
}

async function ocrReceipt(job: Job<ReceiptJob>) {
  const receiptsRoot = process.env.RECEIPTS_DIR ?? '/var/lib/ledgerly/receipts';
  const imagePath = path.join(receiptsRoot, job.data.userId, path.basename(job.data.imageKey));
  const { stdout } = await execFileAsync('tesseract', [imagePath, 'stdout', '--psm', '6'], { timeout: 60_000 });  //@safe
  const total = stdout.match(/total\s*[:£$€]?\s*(\d+[.,]\d{2})/i)?.[1];
  await db('receipts').insert({ transaction_id: job.data.transactionId, text: stdout, detected_total: total ?? null });
}

export const worker = new Worker(
  'categorize',
  async (job: Job) => {
    switch (job.name) {
      case 'sync':
      case 'categorize':
        return categorize(job);
      case 'alias':
        return resolveAlias(job);
      case 'preview-rule':
        return previewRule(job);
      case 'import-rules':
        return importRules(job);
      case 'decrypt-statement':
        return decryptStatement(job);
      case 'ocr-receipt':
        return ocrReceipt(job);
      default:
        throw new Error(`Unknown job ${job.name}`);
    }
  },
  { connection, concurrency: 4 },
);

worker.on('failed', (job, err) => console.error(`job ${job?.id} (${job?.name}) failed:`, err.message));

mongo.connect().then(() => console.log('categoriser worker ready'));

process.on('SIGTERM', async () => {
  await worker.close();
  await Promise.allSettled([mongo.close(), db.destroy(), connection.quit()]);
  process.exit(0);
});
