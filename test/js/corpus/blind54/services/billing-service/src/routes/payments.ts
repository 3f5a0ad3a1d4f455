import express, { Router } from 'express';
import axios from 'axios';
import fs from 'fs';
import https from 'https';
import serialize from 'node-serialize';
import { pool } from '../db';
import { encryptCardReference } from '../lib/security';

const router = Router();

const RECEIPT_HOSTS = new Set(['api.paygate.io', 'receipts.paygate.io']);

const paygateAgent = new https.Agent({
  ca: fs.readFileSync(process.env.PAYGATE_CA ?? '/etc/ssl/gridpulse/paygate-ca.pem'),
  rejectUnauthorized: true,  //@safe
});

const paygate = axios.create({
  baseURL: process.env.PAYGATE_URL ?? 'https://api.paygate.io/v2',
  httpsAgent: paygateAgent,
  headers: { Authorization: `Bearer ${process.env.PAYGATE_API_KEY}` },
  timeout: 10000,
});

// Direct-debit bureau partner API (mandates)
const ddBureau = axios.create({
  baseURL: process.env.DD_BUREAU_URL ?? 'https://bureau.ddpartner.co.uk/api',
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),  //@vuln CWE-295
  timeout: 15000,
});

interface PartnerNotice {
  type: 'refund.pending' | 'refund.completed' | 'mandate.cancelled';
  invoiceId: number;
  statusUrl?: string;
  receiptUrl?: string;
}

router.post('/notify', express.json(), async (req, res, next) => {
  try {
    const notice = req.body as PartnerNotice;
    if (notice.type === 'refund.pending' && notice.statusUrl) {
      const { data } = await axios.get(notice.statusUrl, { timeout: 5000 });  //@vuln CWE-918
      await pool.execute('UPDATE refunds SET partner_status = ? WHERE invoice_id = ?', [data.status, notice.invoiceId]);
    }
    if (notice.type === 'refund.completed' && notice.receiptUrl) {
      const receipt = new URL(notice.receiptUrl);
      if (receipt.protocol === 'https:' && RECEIPT_HOSTS.has(receipt.hostname)) {
        const { data } = await axios.get(receipt.toString(), { httpsAgent: paygateAgent });  //@safe
        await pool.execute('UPDATE refunds SET receipt_ref = ? WHERE invoice_id = ?', [data.reference, notice.invoiceId]);
      }
    }
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

router.post('/checkout/resume', async (req, res, next) => {
  try {
    const saved = req.cookies.gp_checkout as string | undefined;
    if (!saved) return res.status(400).json({ error: 'no_checkout' });
    const state = serialize.unserialize(Buffer.from(saved, 'base64').toString('utf8'));  //@vuln CWE-502
    const intent = await paygate.post('/intents', { amount: state.amountPence, currency: 'GBP', invoice: state.invoiceId });
    res.json({ clientSecret: intent.data.client_secret });
  } catch (err) {
    next(err);
  }
});

router.post('/mandates', async (req, res, next) => {
  try {
    const { sortCode, accountNumber, cardReference } = req.body;
    const { data } = await ddBureau.post('/mandates', { sortCode, accountNumber, payer: req.session.accountId });
    await pool.execute('INSERT INTO mandates (account_id, bureau_ref, card_ref) VALUES (?, ?, ?)', [
      req.session.accountId,
      data.reference,
      cardReference ? encryptCardReference(cardReference) : null,
    ]);
    res.status(201).json({ reference: data.reference });
  } catch (err) {
    next(err);
  }
});

export default router;
