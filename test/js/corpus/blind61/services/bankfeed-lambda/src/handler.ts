import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import https from 'node:https';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, SQSEvent } from 'aws-lambda';
import mysql from 'mysql2/promise';
import axios from 'axios';
import jws from 'jws';
import {
  parseCamt053,
  loadRules,
  loadBankProfile,
  applyRules,
  extractInvoiceNumber,
  parseLegacyPayload,
} from './statements';

const s3 = new S3Client({});
const sqs = new SQSClient({});

const BUCKET = process.env.STATEMENTS_BUCKET ?? 'ledgerly-bank-statements';
const QUEUE_URL = process.env.MATCH_QUEUE_URL ?? '';
const WEBHOOK_SECRET = process.env.FEED_WEBHOOK_SECRET ?? '';
const PORTAL_JWT_PUBLIC_KEY = process.env.PORTAL_JWT_PUBLIC_KEY ?? '';
const AGGREGATOR_API_KEY = 'agk_live_7Qm2v9XcP4sLr8TzW1nB';  //@vuln CWE-798
const FEED_HOSTS = new Set(['api.openbankfeed.eu', 'files.openbankfeed.eu']);

const aggregatorAgent = new https.Agent({ rejectUnauthorized: false });  //@vuln CWE-295

let pool: mysql.Pool | undefined;
function ledgerDb(): mysql.Pool {
  pool ??= mysql.createPool({
    host: process.env.LEDGER_DB_HOST,
    user: process.env.LEDGER_DB_USER,
    password: process.env.LEDGER_DB_PASSWORD,
    database: 'ledger',
    ssl: { ca: process.env.LEDGER_DB_CA, rejectUnauthorized: true },
    connectionLimit: 2,
  });
  return pool;
}

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function readObject(key: string): Promise<string> {
  const obj = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return obj.Body!.transformToString('utf-8');
}

function verifySignature(event: APIGatewayProxyEvent): boolean {
  const signature = event.headers['x-feed-signature'] ?? '';
  const expected = crypto.createHmac('sha256', WEBHOOK_SECRET).update(event.body ?? '').digest('hex');
  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));  //@safe
}

/** POST /feeds/webhook - called by the bank aggregator. */
export async function webhook(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (!verifySignature(event)) {
    return json(401, { error: 'bad_signature' });
  }
  const payload = JSON.parse(event.body ?? '{}');
  if (payload.type !== 'statement.ready') {
    return json(200, { ignored: payload.type });
  }
  const fileUrl = new URL(payload.data.fileUrl);
  if (fileUrl.protocol !== 'https:' || !FEED_HOSTS.has(fileUrl.hostname)) {
    return json(400, { error: 'unexpected_host' });
  }
  const res = await axios.get<string>(fileUrl.toString(), { headers: { 'x-api-key': AGGREGATOR_API_KEY }, responseType: 'text', timeout: 10000 });  //@safe
  const key = `${payload.data.tenantId}/feeds/${payload.data.statementId}.xml`;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: res.data, ContentType: 'application/xml' }));
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ tenantId: payload.data.tenantId, key }) }));
  return json(202, { key });
}

interface PortalClaims {
  sub: string;
  tenantId: string;
  exp: number;
}

function authenticate(event: APIGatewayProxyEvent): PortalClaims {
  const token = (event.headers.authorization ?? '').replace(/^Bearer /, '');
  const decoded = jws.decode(token, { json: true });
  if (!decoded || !jws.verify(token, decoded.header.alg, PORTAL_JWT_PUBLIC_KEY)) {  //@vuln CWE-347
    throw new Error('invalid token');
  }
  const claims = decoded.payload as PortalClaims;
  if (claims.exp * 1000 < Date.now()) {
    throw new Error('token expired');
  }
  return claims;
}

/** POST /feeds/upload - manual statement upload from the web app. */
export async function upload(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const claims = authenticate(event);
  const body = JSON.parse(event.body ?? '{}') as { fileName: string; content?: string; sourceUrl?: string };

  let data: Buffer;
  if (body.sourceUrl) {
    const res = await axios.get<ArrayBuffer>(body.sourceUrl, { responseType: 'arraybuffer', timeout: 10000 });  //@vuln CWE-918
    data = Buffer.from(res.data);
  } else {
    data = Buffer.from(body.content ?? '', 'base64');
  }

  const localPath = path.join('/tmp', body.fileName);
  fs.writeFileSync(localPath, data);  //@vuln CWE-22

  const key = `${claims.tenantId}/uploads/${Date.now()}-${path.basename(body.fileName)}`;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: fs.readFileSync(localPath) }));
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ tenantId: claims.tenantId, key }) }));
  return json(202, { key });
}

/** GET /feeds/oauth/callback - bank consent flow return. */
export async function oauthCallback(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { code, state, return_to: returnTo } = event.queryStringParameters ?? {};
  const { data } = await axios.post(
    'https://api.openbankfeed.eu/oauth/token',
    new URLSearchParams({ grant_type: 'authorization_code', code: code ?? '', state: state ?? '' }),
    { headers: { 'x-api-key': AGGREGATOR_API_KEY }, httpsAgent: aggregatorAgent },
  );
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: JSON.stringify({ type: 'consent', state, consentId: data.consent_id }) }));
  return { statusCode: 302, headers: { Location: returnTo ?? 'https://app.ledgerly.io/settings/bank-feeds' }, body: '' };  //@vuln CWE-601
}

/** SQS consumer - parses statements and books transactions. */
export async function matcher(event: SQSEvent): Promise<void> {
  for (const record of event.Records) {
    const msg = record.messageAttributes?.format?.stringValue === 'v1' ? parseLegacyPayload(record.body) : JSON.parse(record.body);
    if (!msg.key) {
      continue;
    }
    const transactions = parseCamt053(await readObject(msg.key));
    const rules = loadRules(await readObject(`${msg.tenantId}/rules.yaml`));
    const profile = loadBankProfile(await readObject(`${msg.tenantId}/bank-profile.yaml`));

    const conn = await ledgerDb().getConnection();
    try {
      for (const tx of transactions) {
        const account = applyRules(tx, rules) ?? 'suspense';
        await conn.query(`INSERT INTO bank_transactions (tenant_id, reference, booked_on, amount, currency, counterparty, account_code) VALUES ('${msg.tenantId}', '${tx.reference}', '${tx.bookingDate}', ${tx.amount}, '${tx.currency}', '${tx.counterparty}', '${account}')`);  //@vuln CWE-89
        const invoiceNumber = extractInvoiceNumber(tx.remittance, profile);
        if (invoiceNumber && tx.amount > 0) {
          await conn.execute('UPDATE invoices SET status = ?, paid_at = ? WHERE tenant_id = ? AND number = ? AND total = ?', ['paid', tx.bookingDate, msg.tenantId, invoiceNumber, tx.amount]);
        }
      }
    } finally {
      conn.release();
    }
  }
}
