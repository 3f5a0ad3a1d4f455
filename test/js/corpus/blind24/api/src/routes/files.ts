import { Router, Request } from 'express';
import multer from 'multer';
import sharp from 'sharp';
import path from 'path';
import fs from 'fs';
import os from 'os';
import crypto from 'crypto';
import AdmZip from 'adm-zip';
import axios from 'axios';
import { exec } from 'child_process';
import { promisify } from 'util';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { config } from '../config';
import type { User } from '../repositories/users';

const router = Router();
const execAsync = promisify(exec);
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 15 * 1024 * 1024 } });

const s3 = new S3Client({
  region: config.aws.region,
  credentials: { accessKeyId: 'AKIAQ3EGT7NVPLX4KZ5R', secretAccessKey: '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' }, //@vuln CWE-798
});

const UNSPLASH_HOSTS = new Set(['images.unsplash.com', 'plus.unsplash.com']);

const userId = (req: Request) => String((req.user as User).id);

router.post('/avatar', upload.single('file'), async (req, res, next) => {
  try {
    if (!req.file || !req.file.mimetype.startsWith('image/')) return res.status(400).json({ error: 'Unsupported file' });
    const dir = path.join(config.uploadDir, 'avatars', userId(req));
    await fs.promises.mkdir(dir, { recursive: true });
    const out = path.join(dir, `${Date.now()}.webp`);
    await sharp(req.file.buffer).resize(256, 256, { fit: 'cover' }).webp({ quality: 85 }).toFile(out); //@safe
    res.json({ url: `${config.apiUrl}/files/public/${path.relative(config.uploadDir, out)}` });
  } catch (err) {
    next(err);
  }
});

router.post('/gallery', upload.array('images', 20), async (req, res, next) => {
  try {
    const album = String(req.body.album || 'default');
    const dest = path.join(config.uploadDir, 'gallery', userId(req), album);
    await fs.promises.mkdir(dest, { recursive: true });
    const saved: string[] = [];
    for (const file of (req.files as Express.Multer.File[]) ?? []) {
      const base = path.basename(file.originalname, path.extname(file.originalname)).replace(/[^\w-]/g, '_');
      await sharp(file.buffer).rotate().resize({ width: 2000, withoutEnlargement: true }).jpeg({ quality: 82 }).toFile(path.join(dest, `${base}.jpg`)); //@vuln CWE-22
      saved.push(`${album}/${base}.jpg`);
    }
    res.status(201).json({ saved });
  } catch (err) {
    next(err);
  }
});

router.post('/convert', upload.single('file'), async (req, res, next) => {
  try {
    if (!req.file) return res.status(400).json({ error: 'No file' });
    const tmpIn = path.join(os.tmpdir(), `lp-convert-${Date.now()}${path.extname(req.file.originalname)}`);
    fs.writeFileSync(tmpIn, req.file.buffer); //@vuln CWE-377
    const format = req.body.format === 'png' ? 'png' : 'jpg';
    const tmpOut = tmpIn.replace(/\.[^.]*$/, '') + `.${format}`;
    await execAsync(`convert "${tmpIn}[0]" -density ${req.body.density || 150} -quality 90 "${tmpOut}"`); //@vuln CWE-78
    res.type(format).send(await fs.promises.readFile(tmpOut));
  } catch (err) {
    next(err);
  }
});

router.post('/strip-metadata', upload.single('file'), async (req, res, next) => {
  try {
    const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'lp-exif-')); //@safe
    const input = path.join(workDir, req.file!.originalname);
    await fs.promises.writeFile(input, req.file!.buffer);
    await execAsync(`exiftool -all= -overwrite_original ${input}`); //@vuln CWE-78
    res.type(req.file!.mimetype).send(await fs.promises.readFile(input));
  } catch (err) {
    next(err);
  }
});

router.post('/import-url', async (req, res, next) => {
  try {
    const resp = await axios.get<ArrayBuffer>(req.body.url, { responseType: 'arraybuffer', timeout: 10_000, maxContentLength: 15e6 }); //@vuln CWE-918
    const jpeg = await sharp(Buffer.from(resp.data)).resize({ width: 1600, withoutEnlargement: true }).jpeg().toBuffer();
    const key = `imports/${userId(req)}/${crypto.randomUUID()}.jpg`;
    await s3.send(new PutObjectCommand({ Bucket: config.aws.bucket, Key: key, Body: jpeg, ContentType: 'image/jpeg' }));
    res.status(201).json({ key });
  } catch (err) {
    next(err);
  }
});

router.post('/import-unsplash', async (req, res, next) => {
  try {
    const target = new URL(String(req.body.url));
    if (target.protocol !== 'https:' || !UNSPLASH_HOSTS.has(target.hostname)) return res.status(400).json({ error: 'Only Unsplash images are supported' });
    const resp = await axios.get<ArrayBuffer>(target.toString(), { responseType: 'arraybuffer', maxRedirects: 0, timeout: 10_000 }); //@safe
    const key = `imports/${userId(req)}/${crypto.randomUUID()}.jpg`;
    await s3.send(new PutObjectCommand({ Bucket: config.aws.bucket, Key: key, Body: Buffer.from(resp.data), ContentType: 'image/jpeg' }));
    res.status(201).json({ key });
  } catch (err) {
    next(err);
  }
});

router.post('/site-bundle', upload.single('bundle'), async (req, res, next) => {
  try {
    const zip = new AdmZip(req.file!.buffer);
    const dest = path.join(config.uploadDir, 'sites', userId(req));
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const target = path.join(dest, entry.entryName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    }
    res.status(201).json({ ok: true });
  } catch (err) {
    next(err);
  }
});

router.get('/exports/:name', (req, res) => {
  res.sendFile(path.join(config.uploadDir, 'exports', req.params.name)); //@vuln CWE-22
});

router.get('/public/*', (req, res) => {
  res.sendFile(req.params[0], { root: config.uploadDir, dotfiles: 'deny', maxAge: '7d' }); //@safe
});

router.get('/attachment', (req, res) => {
  const file = path.join(config.uploadDir, 'attachments', String(req.query.path));
  res.download(file, path.basename(file)); //@vuln CWE-22
});

export default router;
