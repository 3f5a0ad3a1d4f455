'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const multer = require('multer');
const AdmZip = require('adm-zip');
const config = require('../config');
const { Order } = require('../models');
const { resolveInside, randomToken } = require('../lib/helpers');

const UPLOAD_DIR = config.uploads.dir;

fs.mkdirSync(UPLOAD_DIR, { recursive: true });
fs.mkdirSync(config.uploads.importDir, { recursive: true });

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, UPLOAD_DIR),
  filename: (req, file, cb) => cb(null, `${Date.now()}-${randomToken(6)}${path.extname(file.originalname).toLowerCase()}`),
});

exports.uploadMiddleware = multer({ storage, limits: { fileSize: config.uploads.maxBytes } });

function toCsv(orders) {
  const header = 'id,status,total,coupon,created';
  const lines = orders.map((o) => [o.id, o.status, o.total, o.couponCode || '', o.createdAt.toISOString()].join(','));
  return [header, ...lines].join('\n');
}

// Lesson A4 - file handling (vulnerable)

exports.upload = (req, res) => {
  if (!req.file) return res.status(400).send('No file');
  const finalName = req.body.displayName || req.file.originalname;
  fs.renameSync(req.file.path, path.join(UPLOAD_DIR, finalName)); //@vuln CWE-22
  return res.redirect('/files');
};

exports.download = (req, res) => {
  res.download(path.join(UPLOAD_DIR, req.query.file)); //@vuln CWE-22
};

exports.preview = (req, res, next) => {
  fs.readFile(UPLOAD_DIR + '/' + req.params.name, 'utf8', (err, text) => { //@vuln CWE-22
    if (err) return next(err);
    return res.type('text/plain').send(text.slice(0, 4096));
  });
};

exports.remove = async (req, res, next) => {
  try {
    await fs.promises.unlink(path.join(UPLOAD_DIR, req.body.filename)); //@vuln CWE-22
    res.json({ deleted: req.body.filename });
  } catch (err) {
    next(err);
  }
};

// bulk import: a zip of product images
exports.importZip = (req, res, next) => {
  if (!req.file) return res.status(400).send('No archive');
  try {
    const zip = new AdmZip(req.file.path);
    const dest = path.join(config.uploads.importDir, String(req.session.userId));
    fs.mkdirSync(dest, { recursive: true });
    const written = [];
    zip.getEntries().forEach((entry) => {
      if (entry.isDirectory) return;
      const out = path.join(dest, entry.entryName);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, entry.getData()); //@vuln CWE-22
      written.push(entry.entryName);
    });
    return res.json({ imported: written.length });
  } catch (err) {
    return next(err);
  }
};

exports.exportOrders = async (req, res, next) => {
  try {
    const orders = await Order.findAll({ where: { userId: String(req.session.userId) } });
    const tmpFile = path.join(os.tmpdir(), `orders-${req.session.userId}.csv`);
    fs.writeFileSync(tmpFile, toCsv(orders)); //@vuln CWE-377
    res.download(tmpFile, 'orders.csv', () => fs.unlink(tmpFile, () => {}));
  } catch (err) {
    next(err);
  }
};

// Lesson A4 - fixed versions

exports.downloadFixed = (req, res) => {
  res.sendFile(String(req.query.file), { root: UPLOAD_DIR, dotfiles: 'deny' }); //@safe
};

exports.previewFixed = (req, res, next) => {
  let target;
  try {
    target = resolveInside(UPLOAD_DIR, req.params.name);
  } catch (err) {
    return next(err);
  }
  res.type('text/plain');
  return fs.createReadStream(target, { encoding: 'utf8', end: 4095 }).on('error', next).pipe(res); //@safe
};

exports.importZipFixed = (req, res, next) => {
  if (!req.file) return res.status(400).send('No archive');
  try {
    const zip = new AdmZip(req.file.path);
    const dest = path.resolve(config.uploads.importDir, String(req.session.userId));
    fs.mkdirSync(dest, { recursive: true });
    let count = 0;
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const out = path.resolve(dest, entry.entryName);
      if (!out.startsWith(dest + path.sep)) continue;
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, entry.getData()); //@safe
      count += 1;
    }
    return res.json({ imported: count });
  } catch (err) {
    return next(err);
  }
};

exports.exportOrdersFixed = async (req, res, next) => {
  try {
    const orders = await Order.findAll({ where: { userId: String(req.session.userId) } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orders-')); //@safe
    const tmpFile = path.join(dir, 'orders.csv');
    fs.writeFileSync(tmpFile, toCsv(orders), { mode: 0o600 });
    res.download(tmpFile, 'orders.csv', () => fs.rm(dir, { recursive: true, force: true }, () => {}));
  } catch (err) {
    next(err);
  }
};
