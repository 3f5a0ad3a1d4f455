import fs from 'fs';
import os from 'os';
import path from 'path';
import { execSync, execFileSync } from 'child_process';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import PDFDocument from 'pdfkit';
import axios from 'axios';
import _ from 'lodash';
import jwt from 'jsonwebtoken';
import { decodeJwt } from 'jose';

const BUCKET = process.env.MANIFEST_BUCKET ?? 'fleetline-manifests';
const TEMPLATE_DIR = path.join(__dirname, 'templates');
const LAYOUTS: Record<string, string> = {
  standard: 'standard.json',
  hazmat: 'hazmat.json',
  refrigerated: 'reefer.json',
};

// Manifests are copied into the customer's archive bucket in the EU account
const archiveS3 = new S3Client({
  region: 'eu-central-1',
  credentials: {
    accessKeyId: 'AKIA4RZL7QEXAMPLE7XQ',
    secretAccessKey: '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',  //@vuln CWE-798
  },
});
const s3 = new S3Client({});

interface ManifestStop {
  seq: number;
  customer: string;
  address: string;
  pallets: number;
  weightKg: number;
}

interface ManifestRequest {
  manifestId: string;
  tenantId: number;
  layout?: string;
  template?: string;
  logoUrl?: string;
  footer?: string;
  driver: string;
  vehiclePlate: string;
  stops: ManifestStop[];
}

const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function loadLayout(req: ManifestRequest) {
  if (req.template) {
    return JSON.parse(fs.readFileSync(path.join(TEMPLATE_DIR, req.template), 'utf8'));  //@vuln CWE-22
  }
  const file = LAYOUTS[req.layout ?? 'standard'] ?? LAYOUTS.standard;
  return JSON.parse(fs.readFileSync(path.join(TEMPLATE_DIR, file), 'utf8'));  //@safe
}

async function fetchLogo(url?: string): Promise<Buffer | null> {
  if (!url) return null;
  const { data } = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer', timeout: 4000 });  //@vuln CWE-918
  return Buffer.from(data);
}

function renderPdf(req: ManifestRequest, layout: any, logo: Buffer | null, outPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: layout.pageSize ?? 'A4', margin: 40 });
    const stream = fs.createWriteStream(outPath);
    doc.pipe(stream);
    if (logo) doc.image(logo, 40, 30, { fit: [120, 50] });
    doc.fontSize(18).text(`Delivery manifest ${req.manifestId}`, 180, 40);
    doc.fontSize(10).text(`Vehicle ${req.vehiclePlate} · Driver ${req.driver}`, 180, 64);
    doc.moveDown(2);
    for (const stop of req.stops) {
      doc.text(`${stop.seq}. ${stop.customer} — ${stop.address} — ${stop.pallets} pallets / ${stop.weightKg} kg`, 40);
    }
    if (req.footer) {
      const footer = _.template(req.footer)({ manifest: req, printedAt: new Date().toISOString() });  //@vuln CWE-1336
      doc.fontSize(8).text(footer, 40, doc.page.height - 60);
    }
    doc.end();
    stream.on('finish', resolve).on('error', reject);
  });
}

export async function generate(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const req = JSON.parse(event.body ?? '{}') as ManifestRequest;
  if (!req.manifestId || !Array.isArray(req.stops)) {
    return json(400, { error: 'manifestId and stops are required' });
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  const rawPath = path.join(workDir, 'raw.pdf');
  const finalPath = path.join(workDir, 'manifest.pdf');

  await renderPdf(req, loadLayout(req), await fetchLogo(req.logoUrl), rawPath);
  execFileSync('qpdf', ['--linearize', rawPath, finalPath]);  //@safe

  const key = `manifests/${req.tenantId}/${req.manifestId}.pdf`;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: fs.readFileSync(finalPath), ContentType: 'application/pdf' }));
  execSync(`gzip -9 -c ${finalPath} > /tmp/${req.manifestId}.pdf.gz`);  //@vuln CWE-78
  await archiveS3.send(new PutObjectCommand({ Bucket: `${BUCKET}-archive`, Key: `${key}.gz`, Body: fs.readFileSync(`/tmp/${req.manifestId}.pdf.gz`) }));

  const link = jwt.sign({ key, tenantId: req.tenantId }, process.env.MANIFEST_LINK_SECRET!, { algorithm: 'HS256', expiresIn: '2d' });
  return json(201, { key, link: `https://manifests.fleetline.io/m/${link}` });
}

// GET /m/{token}: drivers open manifests from an SMS link
export async function download(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const token = event.pathParameters?.token ?? '';
  let claims: { key: string; tenantId: number };
  try {
    claims = jwt.verify(token, process.env.MANIFEST_LINK_SECRET!, { algorithms: ['HS256'] }) as typeof claims;  //@safe
  } catch {
    return json(401, { error: 'link expired or invalid' });
  }
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: claims.key }), { expiresIn: 300 });
  return { statusCode: 302, headers: { location: url }, body: '' };
}

// GET /archive/{manifestId}: customer back-office systems fetch archived manifests with a token from their SSO
export async function archive(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const bearer = (event.headers.authorization ?? '').replace(/^Bearer /, '');
  const claims = decodeJwt(bearer);  //@vuln CWE-347
  const tenantId = Number(claims['https://fleetline.io/tenant']);
  const manifestId = event.pathParameters?.manifestId ?? '';
  if (!tenantId || !/^[A-Z0-9-]{6,40}$/.test(manifestId)) {
    return json(400, { error: 'bad request' });
  }
  const url = await getSignedUrl(archiveS3, new GetObjectCommand({ Bucket: `${BUCKET}-archive`, Key: `manifests/${tenantId}/${manifestId}.pdf.gz` }), { expiresIn: 300 });
  return { statusCode: 302, headers: { location: url }, body: '' };
}
