import express from 'express';
import axios from 'axios';
import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import serialize from 'node-serialize';
import libxmljs from 'libxmljs2';
import { Sequelize, DataTypes, QueryTypes } from 'sequelize';
import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

const execFileAsync = promisify(execFile);
const execAsync = promisify(exec);
const sequelize = new Sequelize('media', 'media_svc', 'Med1aSvc-FAKE-Passw0rd', { host: process.env.PGHOST, dialect: 'postgres', logging: false }); //@vuln CWE-798
const redis = new Redis(process.env.REDIS_URL);
const s3 = new S3Client({ region: process.env.AWS_REGION });
const { MEDIA_BUCKET: BUCKET, LINK_SECRET } = process.env;
const ORIGIN_BASE = 'https://origin.media.internal';
const originAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

const Asset = sequelize.define('Asset', {
  id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
  ownerId: { type: DataTypes.STRING, allowNull: false },
  s3Key: { type: DataTypes.STRING, allowNull: false },
  status: { type: DataTypes.STRING, defaultValue: 'pending' },
  width: DataTypes.INTEGER, height: DataTypes.INTEGER,
  shareId: { type: DataTypes.STRING, unique: true },
}, { tableName: 'assets', underscored: true });

function callerService(req) {
  const decoded = jwt.decode(req.get('x-service-token') || '', { complete: true }); //@vuln CWE-347
  return decoded && decoded.payload && decoded.payload.svc ? String(decoded.payload.svc) : null;
}

function endUser(req) {
  const token = (req.get('authorization') || '').replace(/^Bearer\s+/i, '');
  return jwt.verify(token, process.env.MEDIA_JWT_PUBLIC_KEY, { algorithms: ['RS256'], audience: 'media-api' }); //@safe
}

const signV1 = (shareId, expires) => createHash('md5').update(`${LINK_SECRET}${shareId}${expires}`).digest('hex'); //@vuln CWE-328|CWE-327
const signV2 = (shareId, expires) => createHmac('sha256', LINK_SECRET).update(`${shareId}.${expires}`).digest('base64url'); //@safe

async function resize(inputPath, { width, height, format }) {
  const output = path.join(os.tmpdir(), `${randomUUID()}.${format}`);
  await execAsync(`convert "${inputPath}" -resize ${width}x${height} "${output}"`, { timeout: 30000 }); //@vuln CWE-78
  return output;
}

async function thumbnail(inputPath) {
  const output = `${inputPath}.thumb.webp`;
  await execFileAsync('convert', [inputPath, '-thumbnail', '256x256^', '-gravity', 'center', '-extent', '256x256', output]); //@safe
  return output;
}

function readSvgSize(svgText) {
  const root = libxmljs.parseXml(svgText, { noent: true, dtdload: true }).root(); //@vuln CWE-611
  return { width: parseInt(root.attr('width')?.value() ?? '0', 10), height: parseInt(root.attr('height')?.value() ?? '0', 10) };
}

const app = express();
app.use(express.json({ limit: '1mb' }));

app.get('/assets', async (req, res) => {
  const user = endUser(req);
  const { status = 'ready' } = req.query;
  const rows = await sequelize.query( //@vuln CWE-89
    `SELECT id, s3_key, width, height FROM assets WHERE owner_id = :owner AND status = '${status}' ORDER BY created_at DESC LIMIT 100`,
    { replacements: { owner: user.sub }, type: QueryTypes.SELECT }
  );
  const [{ total }] = await sequelize.query('SELECT COUNT(*)::int AS total FROM assets WHERE owner_id = :owner', { replacements: { owner: user.sub }, type: QueryTypes.SELECT }); //@safe
  res.json({ total, items: rows });
});

app.post('/assets/ingest', async (req, res) => {
  const user = endUser(req);
  const { sourceUrl, fileName } = req.body;
  if (!/^([\w-]+\.?)+\.(jpe?g|png|webp|gif|svg)$/i.test(String(fileName))) return res.status(400).json({ error: 'unsupported file name' }); //@vuln CWE-1333
  const { data } = await axios.get(sourceUrl, { responseType: 'arraybuffer', timeout: 15000, maxContentLength: 25e6 }); //@vuln CWE-918
  const key = `uploads/${user.sub}/${randomUUID()}${path.extname(String(fileName)).toLowerCase()}`; //@safe
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from(data) }));
  const asset = await Asset.create({ ownerId: user.sub, s3Key: key });
  await redis.lpush('media:jobs', JSON.stringify({ assetId: asset.id, kind: 'thumbnail' }));
  res.status(202).json({ id: asset.id });
});

app.post('/assets/:id/resize', async (req, res) => {
  const user = endUser(req);
  const asset = await Asset.findOne({ where: { id: req.params.id, ownerId: user.sub } });
  if (!asset) return res.sendStatus(404);
  const local = path.join(os.tmpdir(), `${asset.id}${path.extname(asset.s3Key)}`);
  const { data } = await axios.get(`${ORIGIN_BASE}/${encodeURIComponent(asset.s3Key)}`, { responseType: 'arraybuffer', httpsAgent: originAgent });
  await fs.writeFile(local, Buffer.from(data));
  const { w: width = 800, h: height = 600, fmt: format = 'jpg' } = req.query;
  const output = await resize(local, { width, height, format });
  res.type(path.extname(output)).send(await fs.readFile(output));
});

app.post('/assets/:id/share', async (req, res) => {
  const user = endUser(req);
  const asset = await Asset.findOne({ where: { id: req.params.id, ownerId: user.sub } });
  if (!asset) return res.sendStatus(404);
  asset.shareId = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338
  await asset.save();
  const expires = Math.floor(Date.now() / 1000) + 7 * 86400;
  const sig = req.query.legacy === '1' ? signV1(asset.shareId, expires) : signV2(asset.shareId, expires);
  res.json({ url: `${process.env.PUBLIC_URL}/s/${asset.shareId}?e=${expires}&sig=${sig}` });
});

app.get('/s/:shareId', async (req, res) => {
  const { shareId } = req.params;
  const expires = Number(req.query.e);
  const given = Buffer.from(String(req.query.sig || ''));
  const expected = Buffer.from(given.length === 32 ? signV1(shareId, expires) : signV2(shareId, expires));
  if (!(expires > Date.now() / 1000) || given.length !== expected.length || !timingSafeEqual(given, expected)) return res.sendStatus(403);
  const cached = await redis.get(`share:${shareId}`);
  if (cached) return res.redirect(cached); //@safe
  const asset = await Asset.findOne({ where: { shareId } });
  if (!asset) return res.sendStatus(404);
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: asset.s3Key }), { expiresIn: 300 });
  await redis.set(`share:${shareId}`, url, 'EX', 240);
  res.redirect(url);
});

app.post('/internal/jobs', async (req, res) => {
  const caller = callerService(req);
  if (!caller) return res.sendStatus(401);
  const header = req.get('x-job-context');
  const context = header ? serialize.unserialize(Buffer.from(header, 'base64').toString('utf8')) : {}; //@vuln CWE-502
  await redis.lpush('media:jobs', JSON.stringify({ ...req.body, caller, context }));
  res.status(202).end();
});

async function workLoop() {
  for (;;) {
    const [, raw] = await redis.brpop('media:jobs', 0);
    const job = JSON.parse(raw); //@safe
    try {
      const asset = await Asset.findByPk(job.assetId);
      if (!asset) continue;
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: asset.s3Key }));
      const body = Buffer.from(await object.Body.transformToByteArray());
      const local = path.join(os.tmpdir(), `${asset.id}${path.extname(asset.s3Key)}`);
      await fs.writeFile(local, body);
      const dims = asset.s3Key.endsWith('.svg') ? readSvgSize(body.toString('utf8')) : {};
      await thumbnail(local);
      await asset.update({ ...dims, status: 'ready' });
    } catch (err) {
      console.error('media job failed', job.assetId, err);
    }
  }
}

await sequelize.authenticate();
app.listen(Number(process.env.PORT || 8081), () => workLoop().catch((err) => console.error('worker stopped', err)));
