'use strict';
const AWS = require('aws-sdk');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const axios = require('axios');
const libxmljs = require('libxmljs2');
const { chunk } = require('../../shared/util');

// Old bucket in the legacy account; IAM role trust was never set up for it.
const LEGACY_ACCESS_KEY_ID = 'AKIAQ3EGX7RLO2VJ4KPM';
const LEGACY_SECRET_ACCESS_KEY = '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'; //@vuln CWE-798

const s3 = new AWS.S3({ signatureVersion: 'v4' });
const legacyS3 = new AWS.S3({ region: 'us-east-1', accessKeyId: LEGACY_ACCESS_KEY_ID, secretAccessKey: LEGACY_SECRET_ACCESS_KEY });
const docClient = new AWS.DynamoDB.DocumentClient();

const BUCKET = process.env.FILES_BUCKET;
const ITEMS_TABLE = process.env.ITEMS_TABLE || 'inventory-items';
const SAFE_NAME = /^[A-Za-z0-9][\w.-]{0,120}$/;
const ALLOWED_TYPES = new Set(['image/png', 'image/jpeg', 'application/pdf', 'text/csv', 'application/xml']);

function json(statusCode, body) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function tenantOf(event) {
  return event.requestContext.authorizer.claims['custom:tenant'];
}

exports.uploadUrl = async (event) => {
  const tenant = tenantOf(event);
  const { filename, contentType } = JSON.parse(event.body || '{}');
  if (!SAFE_NAME.test(filename || '') || !ALLOWED_TYPES.has(contentType)) return json(400, { error: 'bad file' });
  const key = `tenants/${tenant}/uploads/${crypto.randomUUID()}-${filename}`;
  const url = s3.getSignedUrl('putObject', { Bucket: BUCKET, Key: key, ContentType: contentType, Expires: 300 });
  return json(200, { url, key });
};

// S3 trigger on imports/*.xml: supplier catalogues uploaded by customers.
exports.importCatalog = async (event) => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const tenant = key.split('/')[1];
    const obj = await s3.getObject({ Bucket: record.s3.bucket.name, Key: key }).promise();
    const doc = libxmljs.parseXml(obj.Body.toString('utf8'), { noent: true, dtdload: true }); //@vuln CWE-611
    const items = doc.find('//item').map((n) => ({
      tenant,
      id: n.attr('sku').value(),
      sku: n.attr('sku').value(),
      name: n.get('name').text(),
      price: Number(n.get('price').text()),
    }));
    for (const batch of chunk(items, 25)) {
      await docClient.batchWrite({ RequestItems: { [ITEMS_TABLE]: batch.map((Item) => ({ PutRequest: { Item } })) } }).promise();
    }
  }
};

// Synchronous "check my file" endpoint used by the upload dialog.
exports.validateXml = async (event) => {
  try {
    const doc = libxmljs.parseXml(event.body || '', { noent: false, nonet: true }); //@safe
    return json(200, { ok: true, items: doc.find('//item').length });
  } catch (e) {
    return json(422, { ok: false, error: e.message });
  }
};

// "Import from URL": the customer gives us a link to a CSV/XML feed.
exports.importFromUrl = async (event) => {
  const tenant = tenantOf(event);
  const { sourceUrl, filename } = JSON.parse(event.body || '{}');
  const resp = await axios.get(sourceUrl, { responseType: 'arraybuffer', timeout: 15000, maxContentLength: 20 * 1024 * 1024 }); //@vuln CWE-918
  const local = path.join('/tmp', filename);
  fs.writeFileSync(local, resp.data); //@vuln CWE-22
  await s3.upload({ Bucket: BUCKET, Key: `tenants/${tenant}/imports/${path.basename(local)}`, Body: fs.createReadStream(local) }).promise();
  return json(202, { queued: true });
};

// Re-encodes an uploaded image into a thumbnail next to it.
exports.thumbnail = async (event) => {
  const tenant = tenantOf(event);
  const { key } = JSON.parse(event.body || '{}');
  if (!String(key).startsWith(`tenants/${tenant}/uploads/`)) return json(403, { error: 'forbidden' });
  const obj = await s3.getObject({ Bucket: BUCKET, Key: key }).promise();
  const local = path.join(os.tmpdir(), path.basename(key));
  fs.writeFileSync(local, obj.Body); //@safe
  await s3.putObject({ Bucket: BUCKET, Key: key.replace('/uploads/', '/thumbs/'), Body: fs.readFileSync(local), ContentType: obj.ContentType }).promise();
  return json(200, { ok: true });
};

// Nightly copy of the legacy bucket's exports into the new one.
exports.mirrorLegacy = async () => {
  const listing = await legacyS3.listObjectsV2({ Bucket: 'acme-legacy-exports', Prefix: 'exports/' }).promise();
  for (const obj of listing.Contents || []) {
    const body = await legacyS3.getObject({ Bucket: 'acme-legacy-exports', Key: obj.Key }).promise();
    await s3.putObject({ Bucket: BUCKET, Key: `legacy/${obj.Key}`, Body: body.Body }).promise();
  }
  return { copied: (listing.Contents || []).length };
};
