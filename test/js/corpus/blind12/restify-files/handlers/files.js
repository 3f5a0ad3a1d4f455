'use strict';

const fs = require('fs');
const path = require('path');
const unzipper = require('unzipper');
const errors = require('restify-errors');
const storage = require('../lib/storage');

async function download(req, res, next) {
  const file = storage.resolve(req.params.bucket, req.params['*']);
  try {
    const stat = await fs.promises.stat(file);
    res.setHeader('Content-Length', stat.size);
    res.setHeader('Content-Type', 'application/octet-stream');
    fs.createReadStream(file).pipe(res); //@vuln CWE-22
    return next(false);
  } catch (err) {
    return next(new errors.NotFoundError('no such file'));
  }
}

async function downloadChecked(req, res, next) {
  const file = storage.resolveInside(req.params.bucket, req.params['*']);
  if (!file) return next(new errors.BadRequestError('invalid path'));
  res.setHeader('Content-Type', 'application/octet-stream');
  fs.createReadStream(file).pipe(res); //@safe
  return next(false);
}

function unpack(req, res, next) {
  const dest = storage.bucketRoot(req.params.bucket);
  const upload = req.files && req.files.archive;
  if (!upload) return next(new errors.BadRequestError('archive missing'));
  const extracted = [];
  fs.createReadStream(upload.path)
    .pipe(unzipper.Parse())
    .on('entry', (entry) => {
      if (entry.type === 'Directory') return entry.autodrain();
      const target = path.join(dest, entry.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      entry.pipe(fs.createWriteStream(target)); //@vuln CWE-22
      extracted.push(entry.path);
    })
    .on('close', () => {
      res.send(201, { extracted });
      next();
    })
    .on('error', (err) => next(err));
}

module.exports = { download, downloadChecked, unpack };
