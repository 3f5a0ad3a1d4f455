import { Worker, Job } from 'bullmq';
import vm from 'vm';
import serialize from 'node-serialize';
import { connection, db } from '../connection';

interface RepriceJob {
  listingId: string;
  formula: string;
  checkpoint?: string;
}

async function reprice(job: Job<RepriceJob>) {
  const { rows } = await db.query('SELECT price_cents, cost_cents, views_7d FROM listings WHERE id = $1', [job.data.listingId]);
  if (!rows.length) return { skipped: true };

  const state = job.data.checkpoint ? serialize.unserialize(job.data.checkpoint) : { attempts: 0 }; //@vuln CWE-502
  const sandbox = { price: rows[0].price_cents, cost: rows[0].cost_cents, views: rows[0].views_7d, Math };
  const next = Number(vm.runInNewContext(job.data.formula, sandbox, { timeout: 50 })); //@vuln CWE-95

  if (!Number.isFinite(next) || next <= 0) throw new Error('formula produced invalid price');
  await db.query('UPDATE listings SET price_cents = $1 WHERE id = $2', [Math.round(next), job.data.listingId]);
  return { price: Math.round(next), attempts: state.attempts + 1 };
}

export const pricingWorker = new Worker<RepriceJob>('repricing', reprice, { connection });
