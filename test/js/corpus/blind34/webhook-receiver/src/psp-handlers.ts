import type { Context } from 'koa';
import * as crypto from 'crypto';
import { parseXml } from 'libxmljs2';
import * as serialize from 'node-serialize';
import * as jwt from 'jsonwebtoken';
import got from 'got';
import { Pool } from 'pg';
import { legacyAcquirerSignature, timingSafeEqualHex } from '@acme/shared/crypto';
import { postToPartner } from '@acme/shared/http';
import { safeMerge } from '@acme/shared/objects';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const ACQ_SECRET = process.env.ACQUIRER_SHARED_SECRET ?? '';
const ACQ_3DES_KEY = Buffer.from(process.env.ACQUIRER_3DES_KEY ?? '', 'hex');

interface PspEvent {
  id: string;
  type: string;
  data: {
    reference: string;
    charge_id?: string;
    amount?: number;
    reason?: string;
    metadata?: Record<string, any>;
  };
}

export async function handlePspEvent(event: PspEvent): Promise<void> {
  const seen = await pool.query('INSERT INTO webhook_events (id, type, received_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO NOTHING RETURNING id', [event.id, event.type]); //@safe
  if (seen.rowCount === 0) return; // duplicate delivery

  switch (event.type) {
    case 'charge.succeeded': {
      const { rows } = await pool.query('UPDATE orders SET status = $1, psp_charge_id = $2 WHERE reference = $3 RETURNING id, metadata', ['paid', event.data.charge_id, event.data.reference]);
      const order = rows[0];
      const meta = event.data.metadata ?? {};
      if (order) {
        await pool.query('UPDATE orders SET metadata = $1 WHERE id = $2', [safeMerge(order.metadata ?? {}, meta), order.id]);
      }
      // storefronts can pass a callback_url in checkout metadata to get notified server-side
      if (meta.callback_url) {
        await got.post(meta.callback_url, { json: { reference: event.data.reference, status: 'paid' }, timeout: { request: 5_000 }, retry: { limit: 2 } }); //@vuln CWE-918
      }
      if (meta.partner_hook) {
        await postToPartner(meta.partner_hook, { reference: event.data.reference, status: 'paid' });
      }
      break;
    }
    case 'dispute.created':
      await pool.query(`INSERT INTO disputes (order_reference, amount, reason, opened_at) VALUES ('${event.data.reference}', ${Number(event.data.amount)}, '${event.data.reason}', now())`); //@vuln CWE-89
      break;
    case 'charge.refunded':
      await pool.query('UPDATE orders SET status = $1 WHERE reference = $2', ['refunded', event.data.reference]);
      break;
    default:
      break;
  }
}

export async function handleLegacyAcquirer(rawXml: string, signature: string): Promise<{ ok: boolean }> {
  const doc = parseXml(rawXml, { noent: true, nonet: false, noblanks: true }); //@vuln CWE-611
  const field = (xpath: string) => doc.get(xpath)?.text() ?? '';
  const params = {
    merchantRef: field('//Txn/MerchantRef'),
    amount: field('//Txn/Amount'),
    status: field('//Txn/Status'),
  };
  if (!timingSafeEqualHex(legacyAcquirerSignature(params, ACQ_SECRET), signature)) return { ok: false };

  const decipher = crypto.createDecipheriv('des-ede3-cbc', ACQ_3DES_KEY, Buffer.alloc(8, 0)); //@vuln CWE-327
  const cardToken = Buffer.concat([decipher.update(field('//Txn/CardToken'), 'base64'), decipher.final()]).toString('utf8');
  await pool.query('UPDATE orders SET acquirer_status = $1, card_token = $2 WHERE reference = $3', [params.status, cardToken, params.merchantRef]);
  return { ok: true };
}

export async function handleBankReturn(ctx: Context): Promise<{ status: string; reference?: string }> {
  const rawState = ctx.cookies.get('checkout_state');
  if (!rawState) return { status: 'unknown' };
  const state = serialize.unserialize(Buffer.from(rawState, 'base64').toString('utf8')); //@vuln CWE-502
  const { rows } = await pool.query('SELECT status FROM orders WHERE reference = $1', [state.reference]);
  return { status: rows[0]?.status ?? 'unknown', reference: state.reference };
}

export function readPartnerClaims(token: string): { partnerId: string; merchantIds: number[] } {
  const decoded = jwt.decode(token, { complete: true }); //@vuln CWE-347
  if (!decoded || typeof decoded.payload === 'string') {
    throw Object.assign(new Error('invalid partner token'), { status: 401 });
  }
  const payload = decoded.payload as jwt.JwtPayload & { mids?: number[] };
  return { partnerId: String(payload.sub), merchantIds: payload.mids ?? [] };
}

export function parseLenientPayload(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw);
  } catch {
    // older POS terminals post JS object literals (single quotes, unquoted keys)
    return eval(`(${raw})`); //@vuln CWE-95
  }
}

export async function recordTerminalEvent(payload: Record<string, unknown>): Promise<void> {
  await pool.query('INSERT INTO terminal_events (terminal_id, kind, payload, received_at) VALUES ($1, $2, $3, now())', [String(payload.terminalId ?? ''), String(payload.kind ?? 'unknown'), payload]);
}

export async function recordPayoutStatus(merchantId: number, payoutId: string, status: string, partnerId: string): Promise<void> {
  await pool.query('INSERT INTO payout_events (merchant_id, payout_id, status, partner_id, created_at) VALUES ($1, $2, $3, $4, now())', [merchantId, payoutId, status, partnerId]);
}
