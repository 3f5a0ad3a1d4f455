'use strict';

const path = require('path');

const ROOT = path.resolve(process.env.FILEDROP_ROOT || '/var/lib/filedrop');

function bucketRoot(bucket) {
  return path.join(ROOT, String(bucket).replace(/[^a-z0-9-]/gi, ''));
}

function resolve(bucket, relPath) {
  return path.join(bucketRoot(bucket), relPath);
}

function resolveInside(bucket, relPath) {
  const base = bucketRoot(bucket);
  const full = path.resolve(base, relPath);
  return full.startsWith(base + path.sep) ? full : null;
}

module.exports = { ROOT, bucketRoot, resolve, resolveInside };
