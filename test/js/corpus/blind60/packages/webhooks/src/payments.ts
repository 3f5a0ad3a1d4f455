import crypto from 'node:crypto';
import { Router, raw } from 'express';
import libxmljs from 'libxmljs';
import ejs from 'ejs';
import serialize from 'node-serialize';
import { payments } from './db';

const PAYSTREAM_SECRET = process.env.PAYSTREAM_SECRET ?? '';
const CHECKOUT_WEBHOOK_SECRET = process.env.CHECKOUT_WEBHOOK_SECRET ?? '';
const PAYOUT_KEY = Buffer.from(process.env.PAYOUT_KEY_HEX ?? '', 'hex');
const LEGACY_PAYOUT_KEY = Buffer.from(process.env.LEGACY_PAYOUT_KEY_HEX ?? '', 'hex');
const LEGACY_PAYOUT_IV = Buffer.from(process.env.LEGACY_PAYOUT_IV_HEX ?? '', 'hex');

interface EntryMeta {
  tournament?: string;
  teamId?: string;
  coupon?: string;
}

export const paymentsRouter = Router();

paymentsRouter.post('/paystream/ipn', raw({ type: ['application/xml', 'text/xml'], limit: '256kb' }), async (req, res) => {
  const doc = libxmljs.parseXml(req.body.toString('utf8'), { noent: true });  //@vuln CWE-611
  const field = (name: string) => doc.get(`//notification/${name}`)?.text()?.trim() ?? '';

  const orderRef = field('order_ref');
  const status = field('status');
  const amount = field('amount');
  const currency = field('currency') || 'EUR';
  const payerName = field('payer_name');
  const signature = field('signature');

  const expected = crypto.createHash('md5').update(`${orderRef}|${amount}|${currency}|${status}|${PAYSTREAM_SECRET}`).digest('hex');  //@vuln CWE-328|CWE-327
  if (expected !== signature.toLowerCase()) return res.status(400).type('text/plain').send('INVALID');

  const custom = field('custom');
  const meta: EntryMeta = custom ? serialize.unserialize(Buffer.from(custom, 'base64').toString('utf8')) : {};  //@vuln CWE-502

  if (status === 'COMPLETED') {
    await payments.raw(`UPDATE entry_fees SET status = 'paid', payer_name = '${payerName}', paid_at = now() WHERE order_ref = '${orderRef}'`);  //@vuln CWE-89
    const receiptTemplate = `<p>Hi ${payerName},</p>
<p>We received <strong><%= amount %> <%= currency %></strong> for <%= tournament %>.</p>
<p>Order reference: <%= orderRef %></p>`;
    const html = ejs.render(receiptTemplate, { amount, currency, orderRef, tournament: meta.tournament ?? 'your tournament entry' });  //@vuln CWE-1336
    await payments('receipts').insert({ order_ref: orderRef, html }).onConflict('order_ref').merge();
  }

  res.type('text/plain').send('OK');
});

paymentsRouter.get('/entries/:orderRef', async (req, res) => {
  res.set('Access-Control-Allow-Origin', req.get('Origin') ?? '*');  //@vuln CWE-942
  res.set('Access-Control-Allow-Credentials', 'true');
  const session = req.cookies.gx_checkout;
  if (!session) return res.status(401).json({ error: 'no_checkout_session' });
  const result = await payments.raw('SELECT e.order_ref, e.status, e.team_name, e.captain_email, e.amount FROM entry_fees e WHERE e.order_ref = ? AND e.checkout_session = ?', [req.params.orderRef, session]);  //@safe
  const entry = result.rows[0];
  return entry ? res.json(entry) : res.status(404).json({ error: 'not_found' });
});

paymentsRouter.post('/checkout/webhook', raw({ type: 'application/json' }), async (req, res) => {
  const header = req.header('Checkout-Signature') ?? '';
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  const provided = Buffer.from(parts.v1 ?? '', 'hex');
  const expected = crypto.createHmac('sha256', CHECKOUT_WEBHOOK_SECRET).update(`${parts.t}.${req.body.toString('utf8')}`).digest();
  if (provided.length !== expected.length || !crypto.timingSafeEqual(provided, expected)) {  //@safe
    return res.sendStatus(400);
  }

  const event = JSON.parse(req.body.toString('utf8'));
  switch (event.type) {
    case 'charge.succeeded': {
      const { orderRef } = event.data.object.metadata;
      await payments.raw('UPDATE entry_fees SET status = ?, paid_at = now() WHERE order_ref = ?', ['paid', orderRef]);
      break;
    }
    case 'payout_account.updated': {
      const { teamId, iban, holder } = event.data.object;
      await payments('payout_accounts')
        .insert({ team_id: teamId, holder, iban_legacy: encryptLegacy(iban), iban_enc: encryptIban(iban) })
        .onConflict('team_id')
        .merge();
      break;
    }
    default:
      break;
  }
  res.json({ received: true });
});

function encryptLegacy(value: string): string {
  const cipher = crypto.createCipheriv('des-ede3-cbc', LEGACY_PAYOUT_KEY, LEGACY_PAYOUT_IV);  //@vuln CWE-327
  return Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]).toString('base64');
}

function encryptIban(value: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', PAYOUT_KEY, iv);  //@safe
  const encrypted = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), encrypted].map((b) => b.toString('base64')).join('.');
}
