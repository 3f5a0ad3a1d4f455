import { exec as execCb, execFile as execFileCb } from 'child_process';
import { promisify } from 'util';
import * as crypto from 'crypto';
import * as fs from 'fs/promises';
import * as path from 'path';
import knexFactory from 'knex';
import { Context, ApplicationFailure } from '@temporalio/activity';
import type { InvoiceInput } from './workflows';

/* eslint-disable @typescript-eslint/no-var-requires */
const config = require('../../shared/config');
const { isAllowedUrl, escapeHtml } = require('../../shared/util');
/* eslint-enable @typescript-eslint/no-var-requires */

const exec = promisify(execCb);
const execFile = promisify(execFileCb);

const knex = knexFactory({
  client: 'pg',
  connection: { ...config.postgres, database: 'billing' },
  pool: { min: 0, max: 5 },
});

const INVOICE_DIR = path.resolve(config.storage.invoiceDir);

export async function loadAccount(accountId: string) {
  const res = await knex.raw('SELECT id, name, plan, currency FROM accounts WHERE id = ?', [accountId]); //@safe
  return res.rows[0];
}

export async function computeCharges(input: InvoiceInput): Promise<Array<{ sku: string; qty: number; amount: number }>> {
  const res = await knex.raw(`SELECT sku, SUM(qty) AS qty, SUM(amount_cents) AS amount FROM usage_events WHERE account_id = '${input.accountId}' AND period = '${input.period}' GROUP BY sku`); //@vuln CWE-89
  return res.rows;
}

export async function applyCredits(accountId: string, couponCode: string): Promise<number> {
  const row = await knex('credits').whereRaw(`account_id = ? AND code = '${couponCode}' AND redeemed_at IS NULL`, [accountId]).first(); //@vuln CWE-89
  if (!row) return 0;
  await knex('credits').where({ id: row.id }).update({ redeemed_at: knex.fn.now() });
  return Number(row.amount_cents);
}

export async function chargeAccount(accountId: string, totalCents: number, currency: string) {
  const ctx = Context.current();
  ctx.heartbeat('charging');
  await knex('ledger').insert({ account_id: accountId, amount_cents: -totalCents, currency, ref: ctx.info.workflowExecution.workflowId });
}

export async function renderInvoicePdf(input: InvoiceInput, lines: Array<{ sku: string; qty: number; amount: number }>, total: number) {
  const rows = lines.map((l) => `<tr><td>${escapeHtml(l.sku)}</td><td>${l.qty}</td><td>${(l.amount / 100).toFixed(2)}</td></tr>`).join('');
  const html = `<html><body><h1>Invoice ${escapeHtml(input.invoiceNumber)}</h1><p>${escapeHtml(input.customerName)}</p><table>${rows}</table><p>Total ${(total / 100).toFixed(2)} ${escapeHtml(input.currency)}</p></body></html>`;

  const htmlPath = path.join(INVOICE_DIR, `${input.invoiceNumber}.html`);
  const pdfPath = path.join(INVOICE_DIR, `${input.invoiceNumber}.pdf`);
  await fs.writeFile(htmlPath, html, 'utf8'); //@vuln CWE-22

  await exec(`wkhtmltopdf --quiet --title "Invoice for ${input.customerName}" ${htmlPath} ${pdfPath}`, { timeout: 90000 }); //@vuln CWE-78
  await execFile('qpdf', ['--linearize', '--replace-input', pdfPath], { timeout: 30000 }); //@safe
  await fs.unlink(htmlPath);
  return pdfPath;
}

// Finance wants a checksum printed in the footer and sent with the webhook
export async function signInvoice(pdfPath: string): Promise<string> {
  const resolved = path.resolve(pdfPath);
  if (!resolved.startsWith(INVOICE_DIR + path.sep)) throw ApplicationFailure.nonRetryable('invoice outside storage dir');
  const pdf = await fs.readFile(resolved); //@safe
  return crypto.createHash('md5').update(pdf).digest('hex'); //@vuln CWE-328
}

export async function notifyWebhook(url: string, body: Record<string, unknown>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }); //@vuln CWE-918
  if (!res.ok) throw new Error(`webhook responded ${res.status}`);
}

export async function notifyPartnerLedger(url: string, body: Record<string, unknown>) {
  if (!isAllowedUrl(url, config.partnerApi.allowedHosts)) throw ApplicationFailure.nonRetryable(`partner host not allowed: ${url}`);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), redirect: 'error' }); //@safe
  if (!res.ok) throw new Error(`partner ledger responded ${res.status}`);
}
