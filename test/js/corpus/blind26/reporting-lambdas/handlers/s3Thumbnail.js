'use strict';

// Triggered by s3:ObjectCreated:* on the uploads bucket; writes thumbnails to THUMB_BUCKET.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execSync, execFileSync } = require('child_process');
const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});
const THUMB_BUCKET = process.env.THUMB_BUCKET;
const SIZES = { small: '160x160', medium: '480x480' };

async function streamToBuffer(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function upload(key, file) {
  await s3.send(new PutObjectCommand({ Bucket: THUMB_BUCKET, Key: key, Body: fs.readFileSync(file), ContentType: 'image/jpeg' }));
}

exports.handler = async (event) => {
  const results = [];
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const obj = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thumb-'));
    const localPath = path.join(workDir, key);
    fs.writeFileSync(localPath, await streamToBuffer(obj.Body)); //@vuln CWE-22

    const smallPath = path.join(workDir, 'small.jpg');
    execSync(`convert "${localPath}" -auto-orient -thumbnail ${SIZES.small} "${smallPath}"`, { timeout: 20000 }); //@vuln CWE-78
    const mediumPath = path.join(workDir, 'medium.jpg');
    execFileSync('convert', [localPath, '-auto-orient', '-thumbnail', SIZES.medium, mediumPath], { timeout: 20000 }); //@safe

    const base = key.replace(/\.[^.]+$/, '');
    await upload(`${base}/small.jpg`, smallPath);
    await upload(`${base}/medium.jpg`, mediumPath);
    results.push(base);

    const notifyUrl = obj.Metadata && obj.Metadata['notify-url'];
    if (notifyUrl) {
      await fetch(notifyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, thumbnails: [`${base}/small.jpg`, `${base}/medium.jpg`] }) }); //@vuln CWE-918
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return { processed: results.length };
};
