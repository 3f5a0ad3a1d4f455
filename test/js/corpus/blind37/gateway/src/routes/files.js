'use strict';

const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const crypto = require('crypto');
const express = require('express');
const multer = require('multer');
const AdmZip = require('adm-zip');
const libxmljs = require('libxmljs2');
const { exec, execFile } = require('child_process');

const config = require('../../../shared/config');
const { pool } = require('../../../shared/db');
const { contentEtag } = require('../../../shared/crypto');

const router = express.Router();
const UPLOAD_DIR = path.resolve(config.storage.uploadDir);
const REPORT_DIR = path.resolve(config.storage.reportDir);
const upload = multer({ dest: path.join(UPLOAD_DIR, '.incoming'), limits: { fileSize: 25 * 1024 * 1024 } });

function tenantDir(req) {
  // tenant ids are UUIDs minted by us and come from the verified token
  return path.join(UPLOAD_DIR, req.user.tenantId);
}

// GET /api/files/download?name=invoices/2024-01.pdf
router.get('/files/download', (req, res) => {
  const name = req.query.name || '';
  const filePath = path.join(tenantDir(req), name);
  fs.stat(filePath, (err, st) => {
    if (err || !st.isFile()) return res.status(404).send(`<p>File <b>${name}</b> was not found.</p>`); //@vuln CWE-79
    res.set('Content-Length', String(st.size));
    res.attachment(path.basename(filePath));
    fs.createReadStream(filePath).pipe(res); //@vuln CWE-22
  });
});

// GET /api/reports/:id  — generated PDFs, ids are numeric job ids
router.get('/reports/:id', (req, res) => {
  const file = `${path.basename(req.params.id)}.pdf`;
  res.sendFile(file, { root: REPORT_DIR, dotfiles: 'deny' }, (err) => { //@safe
    if (err) res.status(err.statusCode || 404).json({ error: 'report_not_found' });
  });
});

// POST /api/files  (multipart: file, folder)
router.post('/files', upload.single('file'), async (req, res, next) => {
  try {
    const folder = req.body.folder || 'misc';
    const destDir = path.join(tenantDir(req), folder);
    await fsp.mkdir(destDir, { recursive: true });
    const dest = path.join(destDir, req.file.originalname);
    await fsp.rename(req.file.path, dest); //@vuln CWE-22
    const etag = contentEtag(await fsp.readFile(dest));
    await pool.query('INSERT INTO files (tenant_id, path, etag, size) VALUES ($1, $2, $3, $4)', [req.user.tenantId, path.relative(UPLOAD_DIR, dest), etag, req.file.size]);

    if (/^image\//.test(req.file.mimetype)) {
      const thumb = path.join(UPLOAD_DIR, '.thumbs', `${crypto.randomUUID()}.webp`);
      execFile('convert', [dest, '-thumbnail', '320x320', thumb], (err) => { //@safe
        if (err) console.warn('[files] thumbnail failed', err.message);
      });
    }
    res.status(201).json({ path: path.relative(tenantDir(req), dest), etag });
  } catch (err) {
    next(err);
  }
});

// POST /api/files/bundle  — a zip of product sheets exported from the old back office
router.post('/files/bundle', upload.single('bundle'), async (req, res, next) => {
  try {
    const zip = new AdmZip(req.file.path);
    const target = path.join(tenantDir(req), 'bundles', String(Date.now()));
    const written = [];
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const out = path.join(target, entry.entryName);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, entry.getData()); //@vuln CWE-22
      written.push(entry.entryName);
    }
    await fsp.unlink(req.file.path);
    res.status(201).json({ files: written.length });
  } catch (err) {
    next(err);
  }
});

// POST /api/files/price-list  (application/xml)
router.post('/files/price-list', express.text({ type: ['application/xml', 'text/xml'], limit: '5mb' }), async (req, res, next) => {
  try {
    const doc = libxmljs.parseXml(req.body, { noent: true, noblanks: true }); //@vuln CWE-611
    const items = doc.find('//item').map((node) => ({
      sku: node.attr('sku')?.value(),
      price: Number(node.get('price')?.text() || 0),
    }));
    for (const it of items) {
      await pool.query('UPDATE products SET price_cents = $1 WHERE tenant_id = $2 AND sku = $3', [Math.round(it.price * 100), req.user.tenantId, it.sku]);
    }
    res.json({ updated: items.length });
  } catch (err) {
    next(err);
  }
});

// POST /api/reports/render  { url, title }  — snapshots a storefront page as PDF
router.post('/reports/render', (req, res) => {
  const { url, title = 'Report' } = req.body;
  const jobId = Date.now();
  const out = path.join(REPORT_DIR, `${jobId}.pdf`);
  exec(`wkhtmltopdf --quiet --title "${title}" ${url} ${out}`, { timeout: 60000 }, (err) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: 'render_failed' });
    res.status(201).json({ id: jobId, href: `/api/reports/${jobId}` });
  });
});

module.exports = router;
