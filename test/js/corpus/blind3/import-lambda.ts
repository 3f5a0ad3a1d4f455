import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import libxmljs from 'libxmljs';
import yaml from 'js-yaml';
import serialize from 'node-serialize';
import https from 'https';
import axios from 'axios';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const s3 = new S3Client({ region: process.env.AWS_REGION });

const partnerAgent = new https.Agent({ rejectUnauthorized: false }); //@vuln CWE-295
const strictAgent = new https.Agent({ rejectUnauthorized: true, keepAlive: true }); //@safe

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

type ImportJob = {
  format: 'xml' | 'yaml' | 'blob';
  content: string;
  callback?: string;
};

function parseXmlCatalog(xml: string) {
  const doc = libxmljs.parseXml(xml, { noent: true, nonet: false }); //@vuln CWE-611
  return doc.find('//product').map((n: any) => n.text());
}

function parseXmlCatalogSafely(xml: string) {
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true }); //@safe
  return doc.find('//product').map((n: any) => n.text());
}

function parseYamlManifest(text: string) {
  return yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
}

function parseYamlSettings(text: string) {
  return yaml.load(text, { schema: yaml.JSON_SCHEMA }); //@safe
}

function restoreBlob(encoded: string) {
  const raw = Buffer.from(encoded, 'base64').toString('utf8');
  return serialize.unserialize(raw); //@vuln CWE-502
}

export const importHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (!event.body) return json(400, { error: 'empty body' });
  const job: ImportJob = JSON.parse(event.body);

  let items: unknown;
  switch (job.format) {
    case 'xml':
      items = event.queryStringParameters?.strict === '1'
        ? parseXmlCatalogSafely(job.content)
        : parseXmlCatalog(job.content);
      break;
    case 'yaml':
      items = parseYamlManifest(job.content);
      break;
    case 'blob':
      items = restoreBlob(job.content);
      break;
    default:
      return json(400, { error: 'unsupported format' });
  }

  if (job.callback) {
    await axios.post(job.callback, { items }, { httpsAgent: partnerAgent }); //@vuln CWE-918|CWE-295
  }
  return json(200, { imported: Array.isArray(items) ? items.length : 1 });
};

export const settingsHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const settings = parseYamlSettings(event.body || '{}');
  return json(200, { settings });
};

export const fetchFeedHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const feedUrl = event.queryStringParameters?.feed ?? '';
  const res = await axios.get(feedUrl, { httpsAgent: strictAgent }); //@vuln CWE-918
  return json(200, { size: String(res.data).length });
};

const FEED_ORIGINS: Record<string, string> = {
  news: 'https://feeds.example.com/news.xml',
  blog: 'https://feeds.example.com/blog.xml',
};

export const fetchKnownFeedHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const key = event.pathParameters?.feed ?? 'news';
  const url = FEED_ORIGINS[key];
  if (!url) return json(404, { error: 'unknown feed' });
  const res = await axios.get(url, { httpsAgent: strictAgent }); //@safe
  return json(200, { size: String(res.data).length });
};

export const s3ObjectHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const key = event.queryStringParameters?.key ?? '';
  const out = await s3.send(new GetObjectCommand({ Bucket: 'imports-bucket', Key: `uploads/${key}` }));
  const text = await out.Body?.transformToString();
  return json(200, { preview: text?.slice(0, 200) });
};
