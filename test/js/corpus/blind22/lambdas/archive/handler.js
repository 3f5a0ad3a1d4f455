const fs = require('fs');
const path = require('path');
const AdmZip = require('adm-zip');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});
const WORK_ROOT = '/tmp/bundles';

function extractEntries(zip, dest) {
  const written = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    written.push(entry.entryName);
  }
  return written;
}

function readCover(dest, manifest) {
  const coverPath = path.resolve(dest, manifest.cover || 'cover.jpg');
  if (!coverPath.startsWith(dest + path.sep)) {
    throw new Error(`cover outside bundle: ${manifest.cover}`);
  }
  return fs.readFileSync(coverPath); //@safe
}

exports.handler = async (event) => {
  const results = [];
  for (const record of event.Records) {
    const { bucket, object } = record.s3;
    const key = decodeURIComponent(object.key.replace(/\+/g, ' '));
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
    const zip = new AdmZip(Buffer.from(await res.Body.transformToByteArray()));

    const dest = path.join(WORK_ROOT, object.eTag || String(Date.now()));
    fs.mkdirSync(dest, { recursive: true });
    const files = extractEntries(zip, dest);
    const manifest = JSON.parse(fs.readFileSync(path.join(dest, 'manifest.json'), 'utf8'));
    const cover = readCover(dest, manifest);
    results.push({ key, files: files.length, coverBytes: cover.length });
  }
  return { processed: results };
};
