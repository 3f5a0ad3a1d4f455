const fs = require('fs');
const path = require('path');
const { execSync, execFileSync } = require('child_process');
const { S3Client, GetObjectCommand, PutObjectCommand, HeadObjectCommand } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});
const OUTPUT_BUCKET = process.env.THUMBS_BUCKET;

async function download(bucket, key, localPath) {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  fs.writeFileSync(localPath, Buffer.from(await Body.transformToByteArray()));
}

exports.handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const localPath = path.join('/tmp', path.basename(key));
    await download(bucket, key, localPath);

    const dims = execFileSync('identify', ['-format', '%wx%h', localPath]).toString().trim(); //@safe
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    const size = (head.Metadata && head.Metadata['thumb-size']) || '320x180';

    const thumbPath = `/tmp/thumb-${Date.now()}.jpg`;
    execSync(`convert "${localPath}" -auto-orient -thumbnail ${size}^ -gravity center -extent ${size} ${thumbPath}`); //@vuln CWE-78

    await s3.send(new PutObjectCommand({
      Bucket: OUTPUT_BUCKET,
      Key: key.replace(/\.[^.]+$/, '') + '-thumb.jpg',
      Body: fs.readFileSync(thumbPath),
      ContentType: 'image/jpeg',
      Metadata: { 'source-dims': dims },
    }));
    fs.rmSync(localPath, { force: true });
    fs.rmSync(thumbPath, { force: true });
  }
};
