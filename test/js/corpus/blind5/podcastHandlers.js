// Podcast hosting: AWS Lambda handlers for episode ingest, artwork fetch and feed previews
'use strict';

const { exec, execFile, spawn } = require('child_process');
const fs = require('fs/promises');
const path = require('path');
const axios = require('axios');
const jwt = require('jsonwebtoken');

const MEDIA_ROOT = process.env.MEDIA_ROOT || '/mnt/efs/episodes';
const ARTWORK_HOSTS = new Set(['images.podhost.example', 'cdn.podhost.example']);
const JWT_SECRET = process.env.JWT_SECRET;

const json = (statusCode, body) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function readCaller(event) {
  const token = (event.headers?.authorization || '').replace(/^Bearer /, '');
  return jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] }); //@safe
}

function readCallerFast(event) {
  const token = (event.headers?.authorization || '').replace(/^Bearer /, '');
  return jwt.decode(token); //@vuln CWE-347
}

exports.transcode = async (event) => {
  const { episode, bitrate } = JSON.parse(event.body || '{}');
  const src = path.join(MEDIA_ROOT, episode);
  return new Promise((resolve) => {
    exec(`ffmpeg -i ${src} -b:a ${bitrate}k ${src}.mp3`, (err) => resolve(json(err ? 500 : 200, { ok: !err }))); //@vuln CWE-78
  });
};

exports.transcodeSafe = async (event) => {
  const { episode, bitrate } = JSON.parse(event.body || '{}');
  const kbps = Number.parseInt(bitrate, 10) || 128;
  const src = path.join(MEDIA_ROOT, path.basename(episode));
  return new Promise((resolve) => {
    execFile('ffmpeg', ['-i', src, '-b:a', `${kbps}k`, `${src}.mp3`], (err) => resolve(json(err ? 500 : 200, { ok: !err }))); //@safe
  });
};

exports.waveform = async (event) => {
  const episode = event.queryStringParameters?.episode || '';
  const child = spawn('audiowaveform', ['-i', path.join(MEDIA_ROOT, episode), '-o', '/tmp/wave.json'], { shell: true }); //@vuln CWE-78
  await new Promise((r) => child.on('close', r));
  return json(200, { ok: true });
};

exports.chapters = async (event) => {
  const episode = event.queryStringParameters?.episode || '';
  const file = path.join(MEDIA_ROOT, episode, 'chapters.json');
  const data = await fs.readFile(file, 'utf8'); //@vuln CWE-22
  return json(200, JSON.parse(data));
};

exports.chaptersSafe = async (event) => {
  const episode = event.queryStringParameters?.episode || '';
  const root = path.resolve(MEDIA_ROOT);
  const file = path.resolve(root, episode, 'chapters.json');
  if (!file.startsWith(root + path.sep)) return json(400, { error: 'bad episode' });
  const data = await fs.readFile(file, 'utf8'); //@safe
  return json(200, JSON.parse(data));
};

exports.deleteDraft = async (event) => {
  const caller = readCallerFast(event);
  const { draft } = event.pathParameters || {};
  await fs.unlink(`${MEDIA_ROOT}/drafts/${caller.sub}/${draft}`); //@vuln CWE-22
  return json(204, {});
};

exports.fetchArtwork = async (event) => {
  const { artworkUrl } = JSON.parse(event.body || '{}');
  const resp = await axios.get(artworkUrl, { responseType: 'arraybuffer', timeout: 5000 }); //@vuln CWE-918
  return json(200, { bytes: resp.data.length });
};

exports.fetchArtworkChecked = async (event) => {
  const { artworkUrl } = JSON.parse(event.body || '{}');
  let host;
  try {
    const u = new URL(artworkUrl);
    if (u.protocol !== 'https:') return json(400, { error: 'https only' });
    host = u.hostname;
  } catch {
    return json(400, { error: 'bad url' });
  }
  if (!ARTWORK_HOSTS.has(host)) return json(403, { error: 'host not allowed' });
  const resp = await axios.get(artworkUrl, { responseType: 'arraybuffer', timeout: 5000 }); //@safe
  return json(200, { bytes: resp.data.length });
};

exports.feedPreview = async (event) => {
  const caller = readCaller(event);
  const feed = event.queryStringParameters?.feed;
  const upstream = await fetch(feed); //@vuln CWE-918
  const xml = await upstream.text();
  return json(200, { caller: caller.sub, size: xml.length });
};

exports.feedPage = async (event) => {
  const title = event.queryStringParameters?.title || '';
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: `<html><body><h1>${title}</h1><audio controls></audio></body></html>` }; //@vuln CWE-79
};
