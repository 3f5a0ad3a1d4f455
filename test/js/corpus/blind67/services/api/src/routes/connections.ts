import express, { Router, Request, Response, NextFunction } from 'express';
import crypto from 'crypto';
import jwt, { JwtPayload } from 'jsonwebtoken';
import libxmljs from 'libxmljs';
import serialize from 'node-serialize';
import { Queue } from 'bullmq';
import {
  createLinkToken,
  exchangePublicToken,
  fetchInstitutionMetadata,
  fetchInstitutionLogo,
  sendTestWebhook,
} from '../connectors/openBanking';
import { sealAccessToken, sha256Hex } from '../lib/crypto';
import { knex } from '../db';
import { config } from '../config';

export const connectionsRouter = Router();
export const webhooksRouter = Router();

const categorizeQueue = new Queue('categorize', { connection: { url: config.redisUrl } });

const wrap =
  (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) =>
    fn(req, res).catch(next);

connectionsRouter.post('/plaid/link-token', wrap(async (req, res) => {
  res.json({ linkToken: await createLinkToken(req.session.userId!) });
}));

connectionsRouter.post('/plaid/exchange', wrap(async (req, res) => {
  const { accessToken, itemId } = await exchangePublicToken(req.body.publicToken);
  await knex('plaid_items').insert({ id: itemId, user_id: req.session.userId, access_token: sealAccessToken(accessToken) });
  res.status(201).json({ itemId });
}));

connectionsRouter.post('/manual', wrap(async (req, res) => {
  const { institutionUrl, displayName } = req.body;
  const metadata = await fetchInstitutionMetadata(institutionUrl);
  const [row] = await knex('manual_institutions')
    .insert({ user_id: req.session.userId, name: displayName, issuer: metadata.issuer, auth_url: metadata.authorization_endpoint })
    .returning('*');
  res.status(201).json(row);
}));

connectionsRouter.get('/logo', wrap(async (req, res) => {
  const image = await fetchInstitutionLogo(String(req.query.src));
  res.type('image/png').set('Cache-Control', 'public, max-age=86400').send(image);
}));

connectionsRouter.post('/partners/:partnerId/webhook-test', wrap(async (req, res) => {
  const partner = await knex('partners').where({ id: req.params.partnerId, owner_id: req.session.userId }).first();
  if (!partner) return res.sendStatus(404);
  const status = await sendTestWebhook(req.body.callbackUrl ?? partner.callback_url, partner.id);
  res.json({ delivered: status < 300, status });
}));

// Banks send the user back here after they approve account access.
connectionsRouter.get('/bank-callback', wrap(async (req, res) => {
  const { code, state, redirect_uri: redirectUri } = req.query as Record<string, string>;
  const pending = await knex('consent_requests').where({ state }).first();
  if (pending) {
    await knex('consent_requests').where({ state }).update({ auth_code: code, completed_at: knex.fn.now() });
  }
  res.redirect(redirectUri || '/accounts?linked=1');  //@vuln CWE-601
}));

webhooksRouter.post('/plaid', express.raw({ type: 'application/json' }), wrap(async (req, res) => {
  const rawBody = (req.body as Buffer).toString('utf8');
  const verification = req.get('Plaid-Verification') ?? '';
  const claims = jwt.decode(verification, { json: true });  //@vuln CWE-347
  if (!claims || claims.request_body_sha256 !== sha256Hex(rawBody)) {
    return res.sendStatus(401);
  }
  const event = JSON.parse(rawBody);
  if (event.webhook_type === 'TRANSACTIONS' && event.webhook_code === 'SYNC_UPDATES_AVAILABLE') {
    const item = await knex('plaid_items').where({ id: event.item_id }).first();
    if (item) await categorizeQueue.add('sync', { userId: item.user_id, itemId: item.id });
  }
  res.sendStatus(200);
}));

webhooksRouter.post('/partner', express.json(), wrap(async (req, res) => {
  const token = (req.get('Authorization') ?? '').replace(/^Bearer\s+/i, '');
  const claims = jwt.verify(token, config.openBanking.partnerJwksPublicKey, { algorithms: ['ES256'], audience: 'ledgerly' }) as JwtPayload;  //@safe
  await knex('partner_events').insert({ partner_id: claims.sub, payload: req.body, received_at: knex.fn.now() });
  res.sendStatus(202);
}));

webhooksRouter.post('/statements', express.text({ type: ['application/xml', 'text/xml'], limit: '5mb' }), wrap(async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true });  //@vuln CWE-611
  const ns = { camt: 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02' };
  const entries = doc.find('//camt:Ntry', ns).map((entry) => ({
    amount: entry.get('camt:Amt', ns)?.text(),
    bookingDate: entry.get('camt:BookgDt/camt:Dt', ns)?.text(),
    reference: entry.get('.//camt:RmtInf/camt:Ustrd', ns)?.text(),
  }));
  const iban = doc.get('//camt:Acct/camt:Id/camt:IBAN', ns)?.text();
  await knex('statement_imports').insert({ iban, entry_count: entries.length, entries: JSON.stringify(entries) });
  res.json({ imported: entries.length });
}));

webhooksRouter.post('/payment-status', express.text({ type: ['application/xml', 'text/xml'] }), wrap(async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true });  //@safe
  const ns = { pain: 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.03' };
  const status = doc.get('//pain:TxInfAndSts/pain:TxSts', ns)?.text();
  const endToEndId = doc.get('//pain:TxInfAndSts/pain:OrgnlEndToEndId', ns)?.text();
  await knex('payments').where({ end_to_end_id: endToEndId }).update({ status });
  res.sendStatus(204);
}));

// Pennywise aggregator: signed form posts carrying the connector state blob.
webhooksRouter.post('/legacy', express.urlencoded({ extended: false }), wrap(async (req, res) => {
  const { state, signature } = req.body as { state: string; signature: string };
  const connectorState = serialize.unserialize(Buffer.from(state, 'base64').toString('utf8'));  //@vuln CWE-502
  const signedFields = `${connectorState.connectionId}:${connectorState.cursor}`;
  const expected = crypto.createHmac('md5', config.openBanking.legacyHmacKey).update(signedFields).digest('hex');  //@vuln CWE-327
  if (expected !== signature) return res.sendStatus(401);
  await knex('legacy_connections')
    .where({ external_id: connectorState.connectionId })
    .update({ last_cursor: connectorState.cursor, synced_at: knex.fn.now() });
  res.sendStatus(200);
}));
