import type { NextApiRequest, NextApiResponse } from 'next';
import fs from 'fs';
import path from 'path';
import { randomUUID } from 'crypto';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import formidable from 'formidable';
import sharp from 'sharp';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { config as appConfig } from '@stayhub/common/src/config';
import { photoFingerprint } from '@stayhub/common/src/security';
import { fetchPublicUrl } from '@stayhub/common/src/utils';
import { connectMongo, Listing } from '../../../lib/db';
import { requireSession } from '../../../lib/session';

export const config = { api: { bodyParser: false } };

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const s3 = new S3Client({ region: appConfig.aws.region });
const THUMB_WIDTH = 480;

async function readJson(req: NextApiRequest): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** iPhones upload HEIC; sharp on our Lambda layer has no libheif so shell out. */
async function normaliseToJpeg(filePath: string, originalName: string): Promise<string> {
  if (!/\.hei[cf]$/i.test(originalName)) return filePath;
  const out = filePath.replace(/\.[^.]+$/, '') + '.jpg';
  await execAsync(`heif-convert -q 90 "${filePath}" "${out}"`); //@vuln CWE-78
  return out;
}

async function stripMetadata(filePath: string): Promise<void> {
  await execFileAsync('exiftool', ['-overwrite_original', '-all=', filePath]); //@safe
}

async function storePhoto(listingId: string, buf: Buffer) {
  const id = randomUUID();
  const key = `listings/${listingId}/${id}.jpg`;
  const thumbName = `${listingId}-${id}.webp`;
  await s3.send(new PutObjectCommand({ Bucket: appConfig.aws.bucket, Key: key, Body: buf, ContentType: 'image/jpeg' }));
  await sharp(buf).rotate().resize({ width: THUMB_WIDTH }).webp({ quality: 80 }).toFile(path.join(appConfig.thumbDir, thumbName)); //@safe
  const fingerprint = photoFingerprint(buf);
  await Listing.updateOne({ _id: listingId }, { $push: { photos: { key, thumbKey: thumbName, fingerprint } } });
  return { key, thumb: `/api/uploads/photo?thumb=${thumbName}` };
}

async function handleMultipart(req: NextApiRequest, res: NextApiResponse, listingId: string) {
  const form = formidable({ maxFileSize: 15 * 1024 * 1024, multiples: false });
  const [fields, files] = await form.parse(req);
  const file = Array.isArray(files.photo) ? files.photo[0] : files.photo;
  if (!file) return res.status(400).json({ error: 'photo is required' });

  // keep the original around for the moderation team
  const originalName = file.originalFilename || 'upload.jpg';
  const keepPath = path.join(appConfig.uploadDir, listingId, originalName);
  await fs.promises.mkdir(path.dirname(keepPath), { recursive: true });
  await fs.promises.copyFile(file.filepath, keepPath); //@vuln CWE-22

  const jpegPath = await normaliseToJpeg(keepPath, originalName);
  await stripMetadata(jpegPath);
  const stored = await storePhoto(listingId, await fs.promises.readFile(jpegPath));
  res.status(201).json({ ...stored, caption: fields.caption?.[0] ?? null });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET' && typeof req.query.thumb === 'string') {
    const thumbPath = path.join(appConfig.thumbDir, req.query.thumb);
    res.setHeader('Content-Type', 'image/webp');
    return fs.createReadStream(thumbPath).on('error', () => res.status(404).end()).pipe(res); //@vuln CWE-22
  }

  if (req.method === 'GET' && typeof req.query.original === 'string') {
    const root = path.resolve(appConfig.uploadDir);
    const target = path.resolve(root, req.query.original);
    if (!target.startsWith(root + path.sep)) return res.status(400).end();
    return fs.createReadStream(target).on('error', () => res.status(404).end()).pipe(res); //@safe
  }

  if (req.method === 'GET' && typeof req.query.src === 'string') {
    // image proxy so that partner-hosted photos are served from our origin (avoids mixed content)
    const upstream = await fetch(req.query.src, { redirect: 'follow' }); //@vuln CWE-918
    res.setHeader('Content-Type', upstream.headers.get('content-type') || 'application/octet-stream');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    return res.send(Buffer.from(await upstream.arrayBuffer()));
  }

  if (req.method !== 'POST') return res.status(405).end();
  const session = requireSession(req, res);
  if (!session) return;

  const listingId = String(req.query.listingId || '');
  if (!/^[a-f0-9]{24}$/.test(listingId)) return res.status(400).json({ error: 'bad listing id' });
  await connectMongo();
  const listing = await Listing.findOne({ _id: listingId, hostId: session.sub }).lean();
  if (!listing) return res.status(404).json({ error: 'listing not found' });

  if ((req.headers['content-type'] || '').startsWith('application/json')) {
    const body = await readJson(req);
    const buf = await fetchPublicUrl(String(body.url));
    const jpeg = await sharp(buf).rotate().jpeg({ quality: 88 }).toBuffer();
    return res.status(201).json(await storePhoto(listingId, jpeg));
  }

  return handleMultipart(req, res, listingId);
}
