import cron from 'node-cron';
import vm from 'vm';
import fsp from 'fs/promises';
import path from 'path';
import axios from 'axios';
import { exec } from 'child_process';
import { promisify } from 'util';
import mongoose from 'mongoose';
import { config } from '../../shared/config';
import { db } from '../../api/src/repositories/userRepo';
import { Product } from '../../api/src/repositories/productRepo';

const execAsync = promisify(exec);
const REPORT_MAX_AGE_MS = 14 * 24 * 3600 * 1000;

interface MerchantRule {
  id: number;
  merchant_id: string;
  expression: string; // entered by merchants in the "dynamic pricing" screen
  sku_pattern: string;
}

async function nightlyBackup() {
  const stamp = new Date().toISOString().slice(0, 10);
  await execAsync(`pg_dump -Fc -f /var/backups/shop-${stamp}.dump ${config.db.database}`, { env: { ...process.env, PGPASSWORD: config.db.password } }); //@safe
}

async function purgeOldReports() {
  const entries = await fsp.readdir(config.reportDir, { withFileTypes: true });
  const now = Date.now();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(config.reportDir, entry.name);
    const { mtimeMs } = await fsp.stat(full);
    if (now - mtimeMs > REPORT_MAX_AGE_MS) {
      await fsp.unlink(full); //@safe
    }
  }
}

async function applyDynamicPricing() {
  const rules: MerchantRule[] = await db('pricing_rules').where({ enabled: true });
  for (const rule of rules) {
    const skuMatcher = new RegExp(rule.sku_pattern); //@vuln CWE-1333
    const products = await Product.find({ ownerId: rule.merchant_id, published: true }).lean();
    for (const p of products) {
      if (!skuMatcher.test(p.sku)) continue;
      const sandbox = { price: p.price, stock: p.stock, day: new Date().getDay(), result: p.price };
      vm.runInNewContext(`result = (${rule.expression})`, sandbox, { timeout: 50 }); //@vuln CWE-94
      const next = Math.round(Number(sandbox.result) * 100) / 100;
      if (Number.isFinite(next) && next > 0 && next !== p.price) {
        await Product.updateOne({ _id: p._id }, { $set: { price: next } });
      }
    }
  }
}

async function syncPartnerStock() {
  // partner-logistics staging uses a self-signed chain; TODO remove once they fix it
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
  const resp = await axios.get(`${config.partnerApi}/stock/export`, { timeout: 30_000 });
  const levels: Array<{ sku: string; qty: number }> = resp.data.items ?? [];
  for (const level of levels) {
    await Product.updateOne({ sku: String(level.sku) }, { $set: { stock: Number(level.qty) || 0 } });
  }
}

async function refreshMerchantFeeds() {
  const merchants: Array<{ id: string; feed_url: string }> = await db('merchants').whereNotNull('feed_url');
  for (const m of merchants) {
    try {
      const resp = await axios.get(m.feed_url, { timeout: 10_000 }); //@vuln CWE-918
      await db('merchant_feeds').insert({ merchant_id: m.id, body: resp.data, fetched_at: new Date() }).onConflict('merchant_id').merge();
    } catch (err) {
      console.warn(`feed refresh failed for merchant ${m.id}`, (err as Error).message);
    }
  }
}

function schedule(name: string, expr: string, fn: () => Promise<void>) {
  cron.schedule(expr, () => {
    const started = Date.now();
    fn()
      .then(() => console.log(`[cron] ${name} done in ${Date.now() - started}ms`))
      .catch((err) => console.error(`[cron] ${name} failed`, err));
  });
}

export async function startCron() {
  await mongoose.connect(config.mongoUrl);
  schedule('backup', '0 2 * * *', nightlyBackup);
  schedule('purge-reports', '30 3 * * *', purgeOldReports);
  schedule('dynamic-pricing', '*/15 * * * *', applyDynamicPricing);
  schedule('partner-stock', '0 * * * *', syncPartnerStock);
  schedule('merchant-feeds', '15 */6 * * *', refreshMerchantFeeds);
}

if (require.main === module) {
  startCron().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
