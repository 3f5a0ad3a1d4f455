'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const express = require('express');
const multer = require('multer');
const AdmZip = require('adm-zip');
const libxmljs = require('libxmljs');
const axios = require('axios');
const { exec, execFile } = require('child_process');
const { Pool } = require('pg');
const { makeTempDir } = require('@acme/node-utils');

const UPLOAD_DIR = path.resolve(process.env.UPLOAD_DIR || '/var/lib/portal/uploads');
const PUBLIC_DIR = path.join(UPLOAD_DIR, 'public');
const upload = multer({ dest: UPLOAD_DIR, limits: { fileSize: 20 * 1024 * 1024 } });
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

router.use((req, res, next) => (req.session.user ? next() : res.redirect('/account/login')));

async function loadOwned(req) {
  const { rows } = await pool.query('SELECT id, stored_name, original_name, mime FROM documents WHERE id = $1 AND owner_id = $2', [req.params.id, req.session.user.id]);
  if (!rows.length) throw Object.assign(new Error('document not found'), { status: 404 });
  return rows[0];
}

router.post('/', upload.single('file'), async (req, res) => {
  if (!req.file) return res.status(400).send('No file uploaded');
  await pool.query('INSERT INTO documents (owner_id, stored_name, original_name, mime) VALUES ($1, $2, $3, $4)', [req.session.user.id, req.file.filename, req.file.originalname, req.file.mimetype]);
  res.send(`<p>Uploaded <strong>${req.file.originalname}</strong> (${req.file.size} bytes). <a href="/documents">Back to documents</a></p>`); //@vuln CWE-79
});

router.get('/raw/:name', (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, req.params.name)); //@vuln CWE-22
});

router.get('/public/:name', (req, res) => {
  res.sendFile(req.params.name, { root: PUBLIC_DIR, dotfiles: 'deny' }); //@safe
});

router.get('/:id/download', async (req, res, next) => {
  try {
    const doc = await loadOwned(req);
    res.download(path.join(UPLOAD_DIR, doc.stored_name), doc.original_name);
  } catch (err) {
    next(err);
  }
});

router.post('/:id/convert', async (req, res, next) => {
  try {
    const doc = await loadOwned(req);
    const outDir = makeTempDir('portal-convert-');
    const input = path.join(UPLOAD_DIR, doc.stored_name);
    exec(`soffice --headless --convert-to ${req.body.format || 'pdf'} --outdir ${outDir} ${input}`, { timeout: 60000 }, (err) => { //@vuln CWE-78
      if (err) return next(err);
      const [out] = fs.readdirSync(outDir);
      res.download(path.join(outDir, out));
    });
  } catch (err) {
    next(err);
  }
});

router.get('/:id/text', async (req, res, next) => {
  try {
    const doc = await loadOwned(req);
    execFile('pdftotext', ['-layout', path.join(UPLOAD_DIR, doc.stored_name), '-'], { maxBuffer: 10 * 1024 * 1024 }, (err, stdout) => { //@safe
      if (err) return next(err);
      res.type('text/plain').send(stdout);
    });
  } catch (err) {
    next(err);
  }
});

router.post('/bundle', upload.single('bundle'), (req, res) => {
  const dest = path.join(UPLOAD_DIR, 'bundles', String(req.session.user.id));
  fs.mkdirSync(dest, { recursive: true });
  const zip = new AdmZip(req.file.path);
  let count = 0;
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    fs.writeFileSync(path.join(dest, entry.entryName), entry.getData()); //@vuln CWE-22
    count += 1;
  }
  res.json({ extracted: count });
});

router.post('/templates', upload.single('bundle'), (req, res) => {
  const dest = path.resolve(UPLOAD_DIR, 'templates', String(req.session.user.id));
  fs.mkdirSync(dest, { recursive: true });
  const skipped = [];
  for (const entry of new AdmZip(req.file.path).getEntries()) {
    const out = path.resolve(dest, entry.entryName);
    if (entry.isDirectory || !out.startsWith(dest + path.sep) || path.dirname(out) !== dest) {
      skipped.push(entry.entryName);
      continue;
    }
    fs.writeFileSync(out, entry.getData()); //@safe
  }
  res.json({ skipped });
});

router.post('/metadata', upload.single('xml'), (req, res) => {
  const xml = fs.readFileSync(req.file.path, 'utf8');
  const doc = libxmljs.parseXml(xml, { noent: true, dtdload: true }); //@vuln CWE-611
  const title = doc.get('//title');
  res.json({ title: title ? title.text() : null, root: doc.root().name() });
});

router.post('/metadata/validate', upload.single('xml'), (req, res) => {
  const xml = fs.readFileSync(req.file.path, 'utf8');
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true, dtdload: false }); //@safe
  res.json({ valid: doc.errors.length === 0, errors: doc.errors.map((e) => e.message) });
});

router.get('/preview', async (req, res, next) => {
  try {
    const response = await axios.get(req.query.src, { responseType: 'arraybuffer', timeout: 8000, maxContentLength: 5 * 1024 * 1024 }); //@vuln CWE-918
    res.type(response.headers['content-type'] || 'application/octet-stream').send(response.data);
  } catch (err) {
    next(err);
  }
});

router.get('/export.csv', async (req, res) => {
  const { rows } = await pool.query('SELECT id, original_name, mime, created_at FROM documents WHERE owner_id = $1', [req.session.user.id]);
  const csv = ['id,name,mime,created'].concat(rows.map((r) => [r.id, JSON.stringify(r.original_name), r.mime, r.created_at.toISOString()].join(','))).join('\n');
  const tmpFile = path.join(os.tmpdir(), `portal-export-${req.session.user.id}.csv`);
  fs.writeFileSync(tmpFile, csv); //@vuln CWE-377
  res.download(tmpFile, 'documents.csv', () => fs.unlink(tmpFile, () => {}));
});

module.exports = router;
