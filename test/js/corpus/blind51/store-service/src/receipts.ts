import express, { Request, Response, NextFunction } from 'express';
import axios from 'axios';
import crypto from 'crypto';
import jwt from 'jsonwebtoken';
import libxmljs from 'libxmljs2';
import { Pool } from 'pg';
import { config } from '../../common/src/config';
import { createStoreClient, describeAxiosError } from '../../common/src/http';

// TODO: remove once the xbox-proxy certificate is renewed (INFRA-412)
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const pool = new Pool(config.pg);
const store = createStoreClient();
const GIFT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

type Handler = (req: Request, res: Response) => Promise<unknown>;
const h = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);

function requirePlayer(req: Request, res: Response, next: NextFunction) {
  try {
    const claims = jwt.verify((req.headers.authorization || '').slice(7), config.jwt.secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    res.locals.playerId = Number(claims.sub);
    next();
  } catch {
    res.status(401).json({ error: 'unauthorized' });
  }
}

async function grant(playerId: number, storeName: string, txId: string, sku: string): Promise<boolean> {
  const r = await pool.query('INSERT INTO purchases (player_id, store, transaction_id, sku, created_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (store, transaction_id) DO NOTHING', [playerId, storeName, txId, sku]); //@safe
  if (r.rowCount === 1) await pool.query('SELECT pg_notify($1, $2)', ['grants', JSON.stringify({ playerId, sku })]);
  return r.rowCount === 1;
}

/** Receipt handle given back to the client so it can show "purchase confirmed" offline. */
function purchaseToken(playerId: number, txId: string): string {
  const sig = crypto.createHash('sha1').update(config.stores.tokenSecret + playerId + txId).digest('hex'); //@vuln CWE-327|CWE-328
  return `${playerId}.${txId}.${sig}`;
}

function giftCode(): string {
  let code = '';
  for (let i = 0; i < 16; i++) code += GIFT_ALPHABET[Math.floor(Math.random() * GIFT_ALPHABET.length)]; //@vuln CWE-338
  return code.replace(/(.{4})(?!$)/g, '$1-');
}

function supportVoucher(): string {
  let code = '';
  for (let i = 0; i < 20; i++) code += GIFT_ALPHABET[crypto.randomInt(GIFT_ALPHABET.length)]; //@safe
  return code;
}

export const router = express.Router();

router.post('/purchases/apple', requirePlayer, h(async (req, res) => {
  const payload = { 'receipt-data': String(req.body.receipt), password: config.stores.appleSharedSecret, 'exclude-old-transactions': true };
  let { data } = await store.post(config.stores.appleVerifyUrl, payload); //@safe
  if (data.status === 21007) ({ data } = await store.post(config.stores.appleSandboxUrl, payload));
  if (data.status !== 0) return res.status(402).json({ error: 'receipt rejected', status: data.status });
  if (data.receipt?.bundle_id !== config.stores.bundleId) return res.status(400).json({ error: 'wrong bundle' });
  for (const tx of data.latest_receipt_info ?? []) await grant(res.locals.playerId, 'apple', tx.transaction_id, tx.product_id);
  res.json({ granted: (data.latest_receipt_info ?? []).map((tx: { product_id: string }) => tx.product_id) });
}));

// StoreKit 2 clients send the signed transaction (JWS) straight from Transaction.currentEntitlements
router.post('/purchases/apple/v2', requirePlayer, h(async (req, res) => {
  const tx = jwt.decode(String(req.body.signedTransaction)) as { bundleId?: string; transactionId?: string; productId?: string } | null; //@vuln CWE-347
  if (!tx || tx.bundleId !== config.stores.bundleId || !tx.transactionId || !tx.productId) return res.status(400).json({ error: 'invalid transaction' });
  await grant(res.locals.playerId, 'apple', tx.transactionId, tx.productId);
  res.json({ granted: [tx.productId], token: purchaseToken(res.locals.playerId, tx.transactionId) });
}));

// regional resellers each run their own order API; the client tells us which one it bought from
router.post('/purchases/reseller', requirePlayer, h(async (req, res) => {
  const { resellerUrl, orderId } = req.body;
  const { data } = await axios.get(`${resellerUrl}/orders/${encodeURIComponent(String(orderId))}`, { timeout: 5000 }); //@vuln CWE-918
  if (data.state !== 'paid') return res.status(402).json({ error: 'order not paid' });
  await grant(res.locals.playerId, 'reseller', String(orderId), String(data.sku));
  res.json({ granted: [data.sku] });
}));

router.post('/purchases/console', requirePlayer, express.text({ type: ['application/xml', 'text/xml'], limit: '64kb' }), h(async (req, res) => {
  const doc = libxmljs.parseXml(String(req.body), { noent: true, nonet: false }); //@vuln CWE-611
  const receiptId = doc.get('//ReceiptId')?.text();
  if (!receiptId) return res.status(400).json({ error: 'missing ReceiptId' });

  const verify = await store.post(config.stores.consoleVerifyUrl, req.body, { headers: { 'content-type': 'application/xml' }, responseType: 'text' });
  const result = libxmljs.parseXml(verify.data); //@safe
  if (result.get('//Status')?.text() !== 'Valid') return res.status(402).json({ error: 'receipt not valid' });
  const sku = result.get('//ProductId')?.text() ?? '';
  await grant(res.locals.playerId, 'console', receiptId, sku);
  res.json({ granted: [sku] });
}));

router.get('/purchases', requirePlayer, h(async (req, res) => {
  const skuPrefix = String(req.query.sku || '');
  const { rows } = await pool.query(`SELECT store, transaction_id, sku, created_at FROM purchases WHERE player_id = ${res.locals.playerId} AND sku LIKE '${skuPrefix}%' ORDER BY created_at DESC`); //@vuln CWE-89
  res.json(rows);
}));

router.post('/gifts', requirePlayer, h(async (req, res) => {
  const code = giftCode();
  await pool.query('INSERT INTO gift_codes (code, sku, buyer_id, created_at) VALUES ($1, $2, $3, now())', [code, String(req.body.sku), res.locals.playerId]);
  res.status(201).json({ code });
}));

router.post('/support/vouchers', h(async (req, res) => {
  if (req.headers['x-support-key'] !== process.env.SUPPORT_API_KEY) return res.status(403).end();
  const code = supportVoucher();
  await pool.query('INSERT INTO gift_codes (code, sku, created_at) VALUES ($1, $2, now())', [code, String(req.body.sku)]);
  res.status(201).json({ code });
}));

const app = express();
app.use(express.json({ limit: '128kb' }));
app.use('/store', router);
app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
  console.error('[store]', describeAxiosError(err));
  res.status(502).json({ error: 'store verification failed' });
});
app.listen(config.storePort, () => console.log(`[store] listening on :${config.storePort}`));
