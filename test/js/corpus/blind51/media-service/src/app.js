'use strict';

const express = require('express');
const multer = require('multer');
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const axios = require('axios');
const escapeHtml = require('escape-html');
const { exec } = require('child_process');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { Pool } = require('pg');
const replayRoutes = require('./routes/replays');

const SHOT_DIR = process.env.SCREENSHOT_DIR || '/srv/arena/screenshots';
const THUMB_DIR = path.join(SHOT_DIR, 'thumbs');
const BUCKET = process.env.MEDIA_BUCKET || 'kraken-arena-media';

const s3 = new S3Client({
  region: process.env.AWS_REGION || 'eu-west-1',
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || 'AKIA4KX7QZ2MNB3RVT6P',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || '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', //@vuln CWE-798
  },
});
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const app = express();
app.use(express.json({ limit: '1mb' }));
const wrap = (fn) => (req, res, next) => fn(req, res).catch(next);

const upload = multer({
  storage: multer.diskStorage({
    destination: SHOT_DIR,
    filename: (_req, file, cb) => cb(null, `${crypto.randomUUID()}${path.extname(file.originalname).toLowerCase()}`),
  }),
  limits: { fileSize: 12 * 1024 * 1024 },
  fileFilter: (_req, file, cb) => cb(null, ['image/png', 'image/jpeg', 'image/webp'].includes(file.mimetype)),
});

async function saveShot({ playerId, file, title, caption }) {
  const { rows } = await pool.query('INSERT INTO screenshots (player_id, file, title, caption) VALUES ($1, $2, $3, $4) RETURNING id', [playerId, file, title, caption]);
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `shots/${file}`, Body: fs.createReadStream(path.join(SHOT_DIR, file)) }));
  return rows[0].id;
}

app.post('/screenshots', upload.single('image'), wrap(async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'image required' });
  const size = req.body.size || '320x180';
  exec(`convert ${req.file.path} -resize ${size} ${path.join(THUMB_DIR, req.file.filename)}`, (err) => err && console.error('[thumb]', err.message)); //@vuln CWE-78
  const id = await saveShot({ playerId: req.get('x-player-id'), file: req.file.filename, title: req.body.title, caption: req.body.caption });
  res.status(201).json({ id, url: `/s/${id}` });
}));

// "import from link" button in the client: players paste a URL to an image hosted elsewhere
app.post('/screenshots/import', wrap(async (req, res) => {
  const resp = await axios.get(req.body.url, { responseType: 'arraybuffer', timeout: 5000, maxContentLength: 12 * 1024 * 1024 }); //@vuln CWE-918
  const file = `${crypto.randomUUID()}.png`;
  fs.writeFileSync(path.join(SHOT_DIR, file), resp.data);
  const id = await saveShot({ playerId: req.get('x-player-id'), file, title: req.body.title, caption: req.body.caption });
  res.status(201).json({ id });
}));

app.post('/screenshots/import-clip', wrap(async (req, res) => {
  const clip = await axios.get(`https://api.twitch.tv/helix/clips?id=${encodeURIComponent(req.body.clipId)}`, { headers: { 'Client-Id': process.env.TWITCH_CLIENT_ID, Authorization: `Bearer ${process.env.TWITCH_APP_TOKEN}` } }); //@safe
  const thumb = clip.data.data[0]?.thumbnail_url;
  if (!thumb) return res.status(404).json({ error: 'clip not found' });
  res.json({ thumbnail: thumb });
}));

app.get('/s/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT s.file, s.title, s.caption, p.name FROM screenshots s JOIN players p ON p.id = s.player_id WHERE s.id = $1', [req.params.id]);
  const shot = rows[0];
  if (!shot) return res.status(404).send('Not found');
  res.send(`<!doctype html><html><head><meta property="og:image" content="/raw/${encodeURIComponent(shot.file)}"><title>${escapeHtml(shot.title)}</title></head><body><h1>${escapeHtml(shot.title)} by ${escapeHtml(shot.name)}</h1><p>${shot.caption}</p><img src="/raw/${encodeURIComponent(shot.file)}"></body></html>`); //@vuln CWE-79
});

app.get('/embed/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT file, title, caption FROM screenshots WHERE id = $1', [req.params.id]);
  if (!rows[0]) return res.status(404).end();
  res.send(`<figure><img src="/raw/${encodeURIComponent(rows[0].file)}" alt="${escapeHtml(rows[0].title)}"><figcaption>${escapeHtml(rows[0].caption)}</figcaption></figure>`); //@safe
});

app.get('/gallery', async (req, res) => {
  const { rows } = await pool.query('SELECT id, file, title FROM screenshots WHERE title ILIKE $1 ORDER BY id DESC LIMIT 60', [`%${req.query.q || ''}%`]);
  if (rows.length === 0) return res.send(`<p class="empty">No screenshots matching <b>${req.query.q}</b></p>`); //@vuln CWE-79
  res.json(rows);
});

app.get('/raw/:file', (req, res) => {
  res.sendFile(req.params.file, { root: SHOT_DIR, maxAge: '7d' }); //@safe
});

app.get('/thumb/:file', (req, res) => {
  fs.createReadStream(path.join(THUMB_DIR, path.basename(req.params.file))).on('error', () => res.status(404).end()).pipe(res); //@safe
});

app.get('/original/:file', (req, res) => {
  res.sendFile(path.join(SHOT_DIR, req.params.file)); //@vuln CWE-22
});

app.delete('/screenshots', async (req, res) => {
  await pool.query('DELETE FROM screenshots WHERE file = $1 AND player_id = $2', [req.body.file, req.get('x-player-id')]);
  fs.unlink(path.join(SHOT_DIR, req.body.file), () => res.status(204).end()); //@vuln CWE-22
});

app.use('/', replayRoutes);

app.use((err, _req, res, _next) => res.status(500).json({ error: 'internal error' }));

app.listen(process.env.PORT || 4100, () => console.log('[media] up'));
