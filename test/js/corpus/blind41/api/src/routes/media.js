'use strict';

const express = require('express');
const path = require('path');
const fs = require('fs');
const os = require('os');
const crypto = require('crypto');
const { exec, execFile, execSync } = require('child_process');
const multer = require('multer');
const sharp = require('sharp');
const axios = require('axios');
const AdmZip = require('adm-zip');
const { S3Client, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

const config = require('../../../shared/config');
const { requireUser, wrap } = require('./auth');
const orders = require('../repositories/orders');

const router = express.Router();
const s3 = new S3Client({ region: config.s3.region });

const INCOMING_DIR = path.join(config.mediaDir, 'incoming');
const THUMB_DIR = path.join(config.mediaDir, 'thumbs');
const STICKER_DIR = path.join(config.mediaDir, 'stickers');
const ALLOWED_EXT = new Set(['.jpg', '.jpeg', '.png', '.heic', '.webp', '.mp4', '.mov']);
const FORMATS = new Set(['jpeg', 'png', 'webp', 'avif']);

const upload = multer({
  storage: multer.diskStorage({
    destination: INCOMING_DIR,
    filename: (req, file, cb) => cb(null, `${Date.now()}-${file.originalname.replace(/[\/\\]/g, '_')}`),
  }),
  limits: { fileSize: 200 * 1024 * 1024 },
});

async function streamToBuffer(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

router.post('/uploads/presign', requireUser, wrap(async (req, res) => {
  const ext = path.extname(String(req.body.filename || '')).toLowerCase();
  if (!ALLOWED_EXT.has(ext)) return res.status(400).json({ error: 'unsupported_type' });
  const key = `uploads/${req.user.sub}/${crypto.randomUUID()}${ext}`;
  const cmd = new PutObjectCommand({ Bucket: config.s3.bucket, Key: key, ContentType: req.body.contentType });
  const url = await getSignedUrl(s3, cmd, { expiresIn: 300 });
  res.json({ key, url });
}));

router.get('/thumbs/:name', (req, res) => {
  res.set('Cache-Control', 'public, max-age=86400');
  res.sendFile(path.join(THUMB_DIR, req.params.name)); //@vuln CWE-22
});

router.get('/v2/thumbs/:name', (req, res) => {
  res.sendFile(req.params.name, { root: THUMB_DIR, dotfiles: 'deny', maxAge: '1d' }); //@safe
});

// Resize an uploaded S3 object (or a file still in the local incoming dir) into the thumb cache.
router.post('/images/resize', requireUser, wrap(async (req, res) => {
  const { key, localFile, name } = req.body;
  const width = Math.min(parseInt(req.body.width, 10) || 512, 2048);
  const format = FORMATS.has(req.body.format) ? req.body.format : 'webp';
  let input;
  if (localFile) {
    input = sharp(path.join(INCOMING_DIR, localFile)); //@vuln CWE-22
  } else {
    const obj = await s3.send(new GetObjectCommand({ Bucket: config.s3.bucket, Key: `uploads/${req.user.sub}/${path.basename(key)}` }));
    input = sharp(await streamToBuffer(obj.Body));
  }
  const out = await input.rotate().resize({ width, withoutEnlargement: true }).toFormat(format).toBuffer();
  const outPath = path.join(THUMB_DIR, `${name || crypto.randomUUID()}.${format}`);
  await fs.promises.writeFile(outPath, out); //@vuln CWE-22
  res.json({ thumb: `/v1/media/v2/thumbs/${path.basename(outPath)}` });
}));

// "Import from link" in the avatar picker.
router.post('/images/import', requireUser, wrap(async (req, res) => {
  const resp = await axios.get(req.body.url, { responseType: 'arraybuffer', timeout: 8000, maxContentLength: 10e6 }); //@vuln CWE-918
  const img = await sharp(resp.data).resize(512, 512, { fit: 'cover' }).jpeg({ quality: 85 }).toBuffer();
  const key = `avatars/${req.user.sub}/${crypto.randomUUID()}.jpg`;
  await s3.send(new PutObjectCommand({ Bucket: config.s3.bucket, Key: key, Body: img, ContentType: 'image/jpeg' }));
  res.json({ key });
}));

router.post('/videos', requireUser, upload.single('video'), async (req, res, next) => {
  if (!req.file) return res.status(400).json({ error: 'no_file' });
  try {
    // strip GPS and device metadata before we keep anything
    execSync(`exiftool -overwrite_original -all= "${req.file.path}"`, { timeout: 20000 }); //@vuln CWE-78
    execFile('ffprobe', ['-v', 'quiet', '-print_format', 'json', '-show_format', req.file.path], (err, stdout) => { //@safe
      if (err) return next(err);
      const meta = JSON.parse(stdout);
      const seconds = parseFloat(meta.format.duration || '0');
      res.status(201).json({ file: path.basename(req.file.path), seconds });
    });
  } catch (err) {
    next(err);
  }
});

router.post('/videos/:file/poster', requireUser, (req, res, next) => {
  const src = path.join(INCOMING_DIR, path.basename(req.params.file));
  const at = req.body.at || '00:00:01';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-poster-')); //@safe
  const out = path.join(workDir, 'poster.jpg');
  exec(`ffmpeg -y -ss ${at} -i "${src}" -frames:v 1 -q:v 3 ${out}`, { timeout: 30000 }, (err) => { //@vuln CWE-78
    if (err) return next(err);
    res.type('image/jpeg').sendFile(out, () => fs.rmSync(workDir, { recursive: true, force: true }));
  });
});

// GDPR data export.
router.get('/export', requireUser, wrap(async (req, res) => {
  const history = await orders.ordersForUser(req.user.sub);
  const activity = await orders.activityFeed(req.user.sub);
  const file = path.join(os.tmpdir(), `tandem-export-${req.user.sub}.json`);
  fs.writeFileSync(file, JSON.stringify({ history, activity }, null, 2)); //@vuln CWE-377
  res.download(file, 'tandem-export.json');
}));

// Creators upload sticker packs as zip files (PNG per sticker + pack.json).
router.post('/sticker-packs', requireUser, upload.single('pack'), async (req, res, next) => {
  if (req.user.role !== 'creator') return res.status(403).end();
  try {
    const slug = crypto.randomUUID();
    const dest = path.join(STICKER_DIR, slug);
    const zip = new AdmZip(req.file.path);
    let count = 0;
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const target = path.join(dest, entry.entryName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
      count += 1;
    }
    fs.unlinkSync(req.file.path);
    res.status(201).json({ slug, count });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
