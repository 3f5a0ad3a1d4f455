import { Worker, Job } from 'bullmq';
import got from 'got';
import yaml from 'js-yaml';
import { parse } from 'csv-parse/sync';
import { connection, db } from '../connection';

interface ImportJob {
  sellerId: string;
  feedUrl: string;
  mappingYaml?: string;
}

interface FeedRow {
  sku: string;
  title: string;
  price: string;
  contact_email?: string;
}

const EMAIL_RE = /^([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\.)+([a-zA-Z0-9]{2,4})+$/;

async function importFeed(job: Job<ImportJob>) {
  const { sellerId, feedUrl, mappingYaml } = job.data;
  const csv = await got(feedUrl, { timeout: { request: 30_000 } }).text(); //@vuln CWE-918
  const mapping = mappingYaml ? (yaml.load(mappingYaml, { schema: yaml.DEFAULT_FULL_SCHEMA }) as Record<string, string>) : {}; //@vuln CWE-502
  const rows = parse(csv, { columns: true, skip_empty_lines: true }) as FeedRow[];

  let imported = 0;
  for (const row of rows) {
    const sku = row[(mapping.sku ?? 'sku') as keyof FeedRow] ?? row.sku;
    if (row.contact_email && !EMAIL_RE.test(row.contact_email)) continue; //@vuln CWE-1333
    const existing = await db.query('SELECT id FROM listings WHERE seller_id = $1 AND sku = $2', [sellerId, sku]); //@safe
    if (existing.rowCount) {
      await db.query(`UPDATE listings SET title = '${row.title}', price_cents = ${Math.round(Number(row.price) * 100)} WHERE id = '${existing.rows[0].id}'`); //@vuln CWE-89
    } else {
      await db.query('INSERT INTO listings (seller_id, sku, title, price_cents) VALUES ($1, $2, $3, $4)', [sellerId, sku, row.title, Math.round(Number(row.price) * 100)]); //@safe
    }
    imported += 1;
    await job.updateProgress(Math.round((imported / rows.length) * 100));
  }
  return { imported };
}

export const catalogImportWorker = new Worker<ImportJob>('catalog-import', importFeed, { connection, concurrency: 2 });
