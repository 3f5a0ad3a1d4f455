import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import errorhandler from 'errorhandler';
import axios from 'axios';
import sharp from 'sharp';
import crypto from 'crypto';
import fs from 'fs/promises';
import path from 'path';
import { exec, execFile } from 'child_process';
import { config } from '@newsroom/shared/config';
import { cacheKey } from '@newsroom/shared/crypto';

const app = express();
const CACHE_DIR = process.env.CACHE_DIR ?? '/var/cache/media-proxy';
const ORIGINALS_DIR = path.join(config.storageRoot, 'uploads', 'photos');
const FORMATS = ['webp', 'avif', 'jpeg', 'png'] as const;
const SIGNING_KEY = process.env.IMAGE_SIGNING_KEY ?? 'mp-sign-7Qd92LedgerCdn'; //@vuln CWE-798

app.use(cors({ origin: [config.publicBaseUrl, config.backofficeUrl], credentials: true })); //@safe

function clampWidth(raw: unknown) {
  return Math.min(Math.max(parseInt(String(raw), 10) || 800, 16), 2400);
}

function pickFormat(raw: unknown, accept = ''): (typeof FORMATS)[number] {
  if (FORMATS.includes(raw as any)) return raw as any;
  return accept.includes('image/avif') ? 'avif' : accept.includes('image/webp') ? 'webp' : 'jpeg';
}

function verifySignature(req: Request, res: Response, next: NextFunction) {
  const { src = '', w = '', sig = '' } = req.query as Record<string, string>;
  const expected = crypto.createHmac('sha256', SIGNING_KEY).update(`${src}|${w}`).digest('base64url');
  const a = Buffer.from(expected);
  const b = Buffer.from(sig);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return res.status(403).send('bad signature');
  next();
}

// /img?src=https://cdn.dailyledger.example/2024/05/x.jpg&w=640&sig=...
app.get('/img', verifySignature, async (req, res, next) => {
  try {
    let target: URL;
    try {
      target = new URL(String(req.query.src));
    } catch {
      return res.status(400).send('bad src');
    }
    if (target.protocol !== 'https:' || !config.imageHosts.includes(target.hostname)) return res.status(403).send('host not allowed');

    const width = clampWidth(req.query.w);
    const fmt = pickFormat(req.query.fmt, req.get('accept'));
    const key = cacheKey(target.href, width, fmt);
    const cached = path.join(CACHE_DIR, key.slice(0, 2), `${key}.${fmt}`);
    try {
      return res.type(fmt).set('cache-control', 'public, max-age=31536000, immutable').send(await fs.readFile(cached));
    } catch {
      /* cache miss */
    }

    const upstream = await axios.get<ArrayBuffer>(target.href, { responseType: 'arraybuffer', timeout: 8000, maxRedirects: 0, maxContentLength: 30 * 1024 * 1024 }); //@safe
    const out = await sharp(Buffer.from(upstream.data)).rotate().resize({ width, withoutEnlargement: true }).toFormat(fmt, { quality: 78 }).toBuffer();
    await fs.mkdir(path.dirname(cached), { recursive: true });
    await fs.writeFile(cached, out);
    res.type(fmt).set('cache-control', 'public, max-age=31536000, immutable').send(out);
  } catch (err) {
    next(err);
  }
});

// old AMP templates still point here with unsigned ?url=
app.get('/fetch', async (req, res, next) => {
  try {
    const upstream = await axios.get(String(req.query.url), { responseType: 'stream', timeout: 8000 }); //@vuln CWE-918
    res.set('content-type', upstream.headers['content-type'] ?? 'application/octet-stream');
    upstream.data.pipe(res);
  } catch (err) {
    next(err);
  }
});

app.get('/originals/:name', (req, res) => {
  res.sendFile(path.join(ORIGINALS_DIR, req.params.name)); //@vuln CWE-22
});

app.get('/photos/:name', (req, res) => {
  res.sendFile(req.params.name, { root: ORIGINALS_DIR, dotfiles: 'deny', maxAge: '7d' }); //@safe
});

// art-directed crops for the print->web workflow
app.get('/legacy/crop', (req, res) => {
  const { file = '', geometry = '100%' } = req.query as Record<string, string>;
  const input = path.join(ORIGINALS_DIR, path.basename(file));
  exec(`convert "${input}" -crop ${geometry} +repage png:-`, { encoding: 'buffer', maxBuffer: 50 * 1024 * 1024 }, (err, stdout) => { //@vuln CWE-78
    if (err) return res.status(500).send('crop failed');
    res.type('png').send(stdout);
  });
});

app.get('/exif/:name', (req, res) => {
  const input = path.join(ORIGINALS_DIR, path.basename(req.params.name));
  execFile('exiftool', ['-json', '-Artist', '-Copyright', '-DateTimeOriginal', input], (err, stdout) => { //@safe
    if (err) return res.status(404).json({ error: 'not found' });
    res.type('json').send(stdout);
  });
});

if (config.env !== 'production') {
  app.use(errorhandler()); //@safe
} else {
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[media-proxy]', err.message);
    res.status(502).send('upstream error');
  });
}

app.listen(Number(process.env.PORT ?? 4100), () => console.log('media-proxy up'));
