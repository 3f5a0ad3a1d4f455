import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Client } from 'pg';
import { exec } from 'child_process';
import { promisify } from 'util';
import * as fs from 'fs';
import * as path from 'path';
import axios from 'axios';

const execAsync = promisify(exec);
const db = new Client({ connectionString: process.env.DATABASE_URL });
const dynamo = new DynamoDBClient({});
const UPLOAD_ROOT = '/tmp/uploads';

export const getItem = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const id = event.queryStringParameters?.id;
  const res = await db.query(`SELECT * FROM items WHERE id = '${id}'`); //@vuln CWE-89
  return { statusCode: 200, body: JSON.stringify(res.rows) };
};

export const getItemSafe = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const id = event.pathParameters?.id;
  const res = await db.query('SELECT * FROM items WHERE id = $1', [id]); //@safe
  return { statusCode: 200, body: JSON.stringify(res.rows) };
};

export async function convert(evt: APIGatewayProxyEvent, _ctx: Context) {
  const { file, format } = JSON.parse(evt.body || '{}');
  await execAsync(`convert /tmp/${file} /tmp/out.${format}`); //@vuln CWE-78
  return { statusCode: 204, body: '' };
}

export const render = async (event: APIGatewayProxyEvent) => {
  const name = event.queryStringParameters?.name ?? 'guest';
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/html' },
    body: `<html><body><h1>Hello ${name}</h1></body></html>`, //@vuln CWE-79
  };
};

export const download = async (event: APIGatewayProxyEvent) => {
  const key = event.pathParameters!.key;
  const data = fs.readFileSync(path.join(UPLOAD_ROOT, key)); //@vuln CWE-22
  return { statusCode: 200, body: data.toString('base64'), isBase64Encoded: true };
};

export const downloadSafe = async (event: APIGatewayProxyEvent) => {
  const key = path.basename(event.pathParameters!.key);
  const data = fs.readFileSync(path.join(UPLOAD_ROOT, key)); //@safe
  return { statusCode: 200, body: data.toString('base64'), isBase64Encoded: true };
};

export const webhook = async (event: APIGatewayProxyEvent) => {
  const payload = JSON.parse(event.body ?? '{}');
  const resp = await axios.post(payload.callbackUrl, { ok: true }); //@vuln CWE-918
  return { statusCode: resp.status, body: '' };
};

export const redirect = async (event: APIGatewayProxyEvent) => {
  const target = event.queryStringParameters?.returnTo || '/';
  return { statusCode: 302, headers: { Location: target }, body: '' }; //@vuln CWE-601
};

export const redirectSafe = async (event: APIGatewayProxyEvent) => {
  const target = event.queryStringParameters?.returnTo || '/';
  const location = target.startsWith('/') && !target.startsWith('//') ? target : '/';
  return { statusCode: 302, headers: { Location: location }, body: '' }; //@safe
};

exports.handler = async (event) => {
  const expr = event.queryStringParameters.formula;
  const result = eval(expr); //@vuln CWE-95|CWE-94
  return { statusCode: 200, body: String(result) };
};

export const health = async () => ({ statusCode: 200, body: JSON.stringify({ ok: true, region: process.env.AWS_REGION }) }); //@safe
void dynamo;
