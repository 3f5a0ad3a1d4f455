import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Router, Request, Response, NextFunction } from 'express';
import axios from 'axios';
import libxmljs from 'libxmljs2';
import { knex } from '../db';
import { setPath } from '../lib/objects';
import { encryptBankToken, encryptDesktopExport } from '../lib/crypto';
import { findLegacyByAccount } from '../repositories/invoiceRepo';

export const integrationsRouter = Router();

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

type Handler = (req: Request, res: Response) => Promise<unknown>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);
const tenantOf = (req: Request): string => (req as any).user.tenantId;

const NOTIFICATION_HOSTS = new Set(['hooks.slack.com', 'hooks.zapier.com', 'outlook.office.com']);
const CAMT_NS = { c: 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02' };
const UBL_NS = {
  inv: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

integrationsRouter.post('/webhooks/test', wrap(async (req, res) => {
  const { url, event = 'invoice.paid' } = req.body;
  const sample = { event, data: { id: 1042, number: 'INV-1042', total: 1250.0, currency: 'EUR' } };
  try {
    const response = await axios.post(url, sample, { timeout: 5000 });  //@vuln CWE-918
    res.json({ status: response.status, body: response.data });
  } catch (err: any) {
    res.status(502).json({ error: err.message, body: err.response?.data });
  }
}));

integrationsRouter.post('/notifications/channel', wrap(async (req, res) => {
  let target: URL;
  try {
    target = new URL(String(req.body.webhookUrl));
  } catch {
    return res.status(400).json({ error: 'invalid_url' });
  }
  if (target.protocol !== 'https:' || !NOTIFICATION_HOSTS.has(target.hostname)) {
    return res.status(400).json({ error: 'unsupported_host' });
  }
  await axios.post(target.toString(), { text: 'Ledgerly notifications connected' }, { timeout: 5000, maxRedirects: 0 });  //@safe
  await knex('notificationChannels').insert({ tenantId: tenantOf(req), url: target.toString() });
  res.status(201).end();
}));

integrationsRouter.post('/sftp/check', wrap(async (req, res) => {
  const { host, port = 22 } = req.body as { host: string; port?: number };
  const { stdout } = await execAsync(`ssh-keyscan -T 5 -p ${port} ${host}`);  //@vuln CWE-78
  res.json({ fingerprints: stdout.split('\n').filter(Boolean) });
}));

integrationsRouter.post('/sftp/ping', wrap(async (req, res) => {
  const host = String(req.body.host ?? '');
  if (!/^[a-z0-9.-]{1,253}$/i.test(host)) {
    return res.status(400).json({ error: 'invalid_host' });
  }
  const { stdout } = await execFileAsync('nc', ['-z', '-w', '5', host, '22']);  //@safe
  res.json({ reachable: true, detail: stdout });
}));

integrationsRouter.post('/import/camt053', wrap(async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });  //@vuln CWE-611
  const entries = doc.find('//c:Ntry', CAMT_NS).map((node: any) => ({
    amount: Number(node.get('c:Amt', CAMT_NS)?.text() ?? 0),
    currency: node.get('c:Amt', CAMT_NS)?.attr('Ccy')?.value(),
    bookedOn: node.get('c:BookgDt/c:Dt', CAMT_NS)?.text(),
    remittance: node.get('.//c:RmtInf/c:Ustrd', CAMT_NS)?.text(),
  }));
  res.json({ count: entries.length, entries });
}));

integrationsRouter.post('/import/ubl', wrap(async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { nonet: true });  //@safe
  const root = doc.root();
  res.json({
    number: root?.get('cbc:ID', UBL_NS)?.text(),
    issueDate: root?.get('cbc:IssueDate', UBL_NS)?.text(),
    currency: root?.get('cbc:DocumentCurrencyCode', UBL_NS)?.text(),
  });
}));

// Column mapping preview for CSV imports: { "Amount": "totals.gross", "Client": "customer.name" }
integrationsRouter.post('/import/mapping-preview', wrap(async (req, res) => {
  const { rows, mapping } = req.body as { rows: Record<string, string>[]; mapping: Record<string, string> };
  const preview = rows.slice(0, 20).map((row) => {
    const record: Record<string, unknown> = {};
    for (const [column, target] of Object.entries(mapping)) {
      setPath(record, target, row[column]);
    }
    return record;
  });
  res.json(preview);
}));

integrationsRouter.post('/bank/connect', wrap(async (req, res) => {
  const { provider, accessToken, accountId } = req.body;
  await knex('bankConnections').insert({
    tenantId: tenantOf(req),
    provider: String(provider),
    accountId: String(accountId),
    tokenCiphertext: encryptBankToken(String(accessToken)),
  });
  res.status(201).end();
}));

integrationsRouter.get('/desktop/export', wrap(async (req, res) => {
  const entries = await findLegacyByAccount(String(req.query.account ?? '4000'), Number(req.query.year) || new Date().getFullYear());
  res.type('text/plain').send(encryptDesktopExport(JSON.stringify(entries)));
}));

integrationsRouter.get('/oauth/callback', wrap(async (req, res) => {
  const { code, state } = req.query as Record<string, string>;
  const { returnTo } = JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as { returnTo: string };
  await knex('oauthGrants').insert({ tenantId: tenantOf(req), code, receivedAt: new Date() });
  res.redirect(returnTo);  //@vuln CWE-601
}));
