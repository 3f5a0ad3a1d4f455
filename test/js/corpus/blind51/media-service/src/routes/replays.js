'use strict';

const express = require('express');
const multer = require('multer');
const AdmZip = require('adm-zip');
const path = require('path');
const fs = require('fs');
const os = require('os');
const { exec, execFile } = require('child_process');
const serialize = require('node-serialize');
const { Pool } = require('pg');

const REPLAY_DIR = process.env.REPLAY_DIR || '/srv/arena/replays';
const MATCH_ID_RE = /^[0-9a-f]{24}$/;
const PRESETS = new Set(['veryfast', 'fast', 'medium']);

const upload = multer({ dest: path.join(os.tmpdir(), 'replay-uploads'), limits: { fileSize: 64 * 1024 * 1024 } });
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

router.post('/replays', upload.single('bundle'), async (req, res) => {
  const matchId = String(req.body.matchId || '');
  if (!MATCH_ID_RE.test(matchId) || !req.file) return res.status(400).json({ error: 'matchId and bundle required' });

  const dest = path.join(REPLAY_DIR, matchId);
  fs.mkdirSync(dest, { recursive: true });
  const zip = new AdmZip(req.file.path);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
  }
  fs.unlink(req.file.path, () => {});

  // client serialises its match summary object (build, map, player list) with node-serialize
  const meta = req.body.meta ? serialize.unserialize(Buffer.from(req.body.meta, 'base64').toString('utf8')) : {}; //@vuln CWE-502
  await pool.query('INSERT INTO replays (match_id, uploader_id, build, map, uploaded_at) VALUES ($1, $2, $3, $4, now()) ON CONFLICT (match_id) DO NOTHING', [matchId, req.get('x-player-id'), meta.build || null, meta.map || null]);

  exec(`replay-validator --build ${meta.build || 'latest'} ${path.join(dest, 'match.rpl')}`, (err, stdout) => { //@vuln CWE-78
    if (err) return console.warn('[replay] validation failed', matchId, err.message);
    pool.query('UPDATE replays SET validated = true, frames = $1 WHERE match_id = $2', [parseInt(stdout, 10) || 0, matchId]);
  });
  res.status(201).json({ matchId });
});

router.post('/replays/:matchId/attachments/:name', express.raw({ type: '*/*', limit: '8mb' }), (req, res) => {
  if (!MATCH_ID_RE.test(req.params.matchId)) return res.status(400).end();
  const base = path.resolve(REPLAY_DIR, req.params.matchId, 'attachments');
  const target = path.resolve(base, req.params.name);
  if (!target.startsWith(base + path.sep)) return res.status(400).json({ error: 'bad attachment name' });
  fs.mkdirSync(base, { recursive: true });
  fs.writeFileSync(target, req.body); //@safe
  res.status(201).end();
});

router.get('/replays', async (req, res) => {
  const map = req.query.map || '';
  const { rows } = await pool.query(`SELECT match_id, build, map, uploaded_at FROM replays WHERE validated AND map LIKE '${map}%' ORDER BY uploaded_at DESC LIMIT 50`); //@vuln CWE-89
  res.json(rows);
});

router.get('/replays/:matchId/download', (req, res) => {
  const file = req.query.file || 'match.rpl';
  res.download(path.join(REPLAY_DIR, req.params.matchId, file)); //@vuln CWE-22
});

router.post('/replays/:matchId/thumbnail', (req, res) => {
  if (!MATCH_ID_RE.test(req.params.matchId)) return res.status(400).end();
  const video = path.join(REPLAY_DIR, req.params.matchId, 'render.mp4');
  const out = path.join(REPLAY_DIR, req.params.matchId, 'thumb.jpg');
  exec(`ffmpeg -y -ss ${req.body.at || 5} -i ${video} -frames:v 1 ${out}`, (err) => res.status(err ? 500 : 204).end()); //@vuln CWE-78
});

router.post('/replays/:matchId/render', (req, res) => {
  if (!MATCH_ID_RE.test(req.params.matchId)) return res.status(400).end();
  const preset = PRESETS.has(req.body.preset) ? req.body.preset : 'fast';
  const dir = path.join(REPLAY_DIR, req.params.matchId);
  execFile('ffmpeg', ['-y', '-i', path.join(dir, 'capture.mkv'), '-c:v', 'libx264', '-preset', preset, path.join(dir, 'render.mp4')], (err) => { //@safe
    if (err) console.error('[render]', req.params.matchId, err.message);
  });
  res.status(202).json({ queued: true });
});

router.get('/replays/:matchId/export', (req, res) => {
  const id = path.basename(req.params.matchId);
  const zip = new AdmZip();
  zip.addLocalFolder(path.join(REPLAY_DIR, id));
  const tmp = path.join(os.tmpdir(), `replay-${id}.zip`);
  zip.writeZip(tmp); //@vuln CWE-377
  res.download(tmp, `${id}.zip`, () => fs.unlink(tmp, () => {}));
});

router.get('/replays/:matchId/export-lite', (req, res) => {
  const src = path.join(REPLAY_DIR, path.basename(req.params.matchId), 'match.rpl');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-lite-')); //@safe
  const out = path.join(workDir, 'match.zip');
  const zip = new AdmZip();
  zip.addLocalFile(src);
  zip.writeZip(out);
  res.download(out, 'match.zip', () => fs.rm(workDir, { recursive: true, force: true }, () => {}));
});

module.exports = router;
