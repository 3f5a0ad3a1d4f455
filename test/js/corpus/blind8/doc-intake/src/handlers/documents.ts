import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import libxmljs from 'libxmljs2';
import axios from 'axios';
import serialize from 'node-serialize';
import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'doc-intake' });
const REGION = process.env.AWS_REGION ?? 'eu-west-1';
const TABLE = process.env.DOCUMENTS_TABLE ?? 'documents';
const BUCKET = process.env.DOCUMENTS_BUCKET ?? 'doc-intake-uploads';
const WORK_DIR = path.join(os.tmpdir(), 'intake');

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: REGION }));
const s3 = new S3Client({ region: REGION, credentials: { accessKeyId: 'AKIAFAKEEXAMPLE00000', secretAccessKey: 'fAkEsEcReTkEy/ForExamplesOnly/00000000000' } }); //@vuln CWE-798
const ocrAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295
const ledgerAgent = new https.Agent({ keepAlive: true, ca: process.env.LEDGER_CA_PEM }); //@safe

type PartnerUpdate = { documentId: string; state?: string; notifyUrl?: string };

const json = (statusCode: number, body?: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: body === undefined ? '' : JSON.stringify(body),
});

const bearer = (event: APIGatewayProxyEvent) => (event.headers.Authorization ?? event.headers.authorization ?? '').replace(/^Bearer\s+/i, '');

function verifiedCaller(event: APIGatewayProxyEvent): JwtPayload {
  return jwt.verify(bearer(event), process.env.JWT_PUBLIC_KEY ?? '', { algorithms: ['RS256'], issuer: 'https://auth.example.com/' }) as JwtPayload; //@safe
}

function partnerClaims(event: APIGatewayProxyEvent): JwtPayload {
  return (jwt.decode(bearer(event)) ?? {}) as JwtPayload; //@vuln CWE-347
}

export async function listDocuments(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const caller = verifiedCaller(event);
  const { status = 'ready' } = event.queryStringParameters ?? {};
  const res = await ddb.send(new QueryCommand({ //@safe
    TableName: TABLE,
    IndexName: 'byOwner',
    KeyConditionExpression: 'ownerId = :o',
    FilterExpression: '#s = :s',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':o': caller.sub, ':s': status },
  }));
  return json(200, res.Items ?? []);
}

export async function searchDocuments(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const caller = verifiedCaller(event);
  const { limit = '50', ...filters } = event.queryStringParameters ?? {};
  const entries = Object.entries(filters);
  const expression = entries.map(([attr], i) => `${attr} = :v${i}`).join(' AND ');
  const values = Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v]));
  const res = await ddb.send(new ScanCommand({ TableName: TABLE, Limit: Number(limit) || 50, FilterExpression: ['tenantId = :t', expression].filter(Boolean).join(' AND '), ExpressionAttributeValues: { ':t': caller.tid, ...values } })); //@vuln CWE-943
  return json(200, { items: res.Items ?? [], next: res.LastEvaluatedKey ?? null });
}

export async function ingestInvoiceXml(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const caller = verifiedCaller(event);
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body ?? '';
  const doc = libxmljs.parseXml(raw, { noent: true, dtdload: true }); //@vuln CWE-611
  const invoiceNumber = doc.get('//InvoiceNumber')?.text() ?? 'unknown';
  const fileName = event.queryStringParameters?.fileName ?? `${invoiceNumber}.xml`;
  await fs.mkdir(WORK_DIR, { recursive: true });
  const localPath = path.join(WORK_DIR, fileName);
  await fs.writeFile(localPath, raw, 'utf8'); //@vuln CWE-22
  const id = randomUUID(); //@safe
  const checksum = createHash('sha256').update(raw).digest('hex'); //@safe
  const uploadToken = Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338
  const key = `${caller.tid}/${id}.xml`;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: raw, ContentType: 'application/xml', Metadata: { checksum } }));
  await ddb.send(new PutCommand({ TableName: TABLE, Item: { id, ownerId: caller.sub, tenantId: caller.tid, invoiceNumber, checksum, uploadToken, status: 'received' } }));
  const ocr = await axios.post('https://ocr.internal.example.net/v2/jobs', { bucket: BUCKET, key, localPath }, { httpsAgent: ocrAgent, timeout: 10_000 });
  logger.info('queued ocr', { id, job: ocr.data?.jobId });
  return json(201, { id, uploadToken });
}

export async function ingestManifest(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const caller = verifiedCaller(event);
  const doc = libxmljs.parseXml(event.body ?? '<manifest/>'); //@safe
  const ids = doc.find('//document/@id').map((attr) => (attr as libxmljs.Attribute).value());
  await Promise.all(
    ids.map((id) =>
      ddb.send(new UpdateCommand({
        TableName: TABLE,
        Key: { id },
        UpdateExpression: 'SET #s = :s',
        ConditionExpression: 'tenantId = :t',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'manifested', ':t': caller.tid },
      })),
    ),
  );
  return json(200, { updated: ids.length });
}

export async function partnerStatus(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const partner = partnerClaims(event);
  const { documentId, state = 'processed', notifyUrl = partner.callback_url } = JSON.parse(event.body ?? '{}') as PartnerUpdate; //@safe
  await ddb.send(new UpdateCommand({
    TableName: TABLE,
    Key: { id: documentId },
    UpdateExpression: 'SET #s = :s, partnerId = :p',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':s': state, ':p': partner.sub ?? 'unknown' },
  }));
  await axios.post('https://ledger.internal.example.net/v1/events', { documentId, state }, { httpsAgent: ledgerAgent, timeout: 5000 }); //@safe
  if (notifyUrl) {
    await axios.post(notifyUrl, { documentId, state, at: new Date().toISOString() }, { timeout: 5000 }); //@vuln CWE-918
  }
  return json(202, { ok: true });
}

export async function restoreDraft(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const caller = verifiedCaller(event);
  const cookieHeader = event.headers.Cookie ?? event.headers.cookie ?? '';
  const encoded = cookieHeader
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('draft='))
    ?.slice('draft='.length);
  if (!encoded) return json(204);
  const draft = serialize.unserialize(Buffer.from(decodeURIComponent(encoded), 'base64').toString('utf8')); //@vuln CWE-502
  logger.debug('restored draft', { owner: caller.sub, keys: Object.keys(draft ?? {}) });
  return json(200, { draft });
}
