'use strict';

const { Kafka, logLevel } = require('kafkajs');
const { exec, execFile } = require('node:child_process');
const { promisify } = require('node:util');
const path = require('node:path');
const fs = require('node:fs/promises');
const vm = require('node:vm');
const mysql = require('mysql2/promise');
const fetch = require('node-fetch');
const { unserialize } = require('node-serialize');
const logger = require('./logger');

const execFileAsync = promisify(execFile);
const MEDIA_ROOT = path.resolve(process.env.MEDIA_ROOT || '/data/media');
const CAPTIONS_DIR = path.join(MEDIA_ROOT, 'captions');
const PRESETS = { '480p': 'scale=-2:480', '720p': 'scale=-2:720', '1080p': 'scale=-2:1080' };
const DEFAULT_OPTIONS = { video: { codec: 'libx264', crf: 23 }, audio: { codec: 'aac', bitrate: '128k' } };

const kafka = new Kafka({
  clientId: 'media-worker',
  brokers: (process.env.KAFKA_BROKERS || 'localhost:9092').split(','),
  ssl: { rejectUnauthorized: false }, //@vuln CWE-295
  sasl: { mechanism: 'scram-sha-512', username: process.env.KAFKA_USER, password: process.env.KAFKA_PASSWORD }, //@safe
  logLevel: logLevel.WARN,
});

const db = mysql.createPool({ host: process.env.DB_HOST, user: process.env.DB_USER, password: process.env.DB_PASSWORD, database: 'media', connectionLimit: 8 });

function sh(cmd, opts = {}) {
  return new Promise((resolve, reject) => {
    exec(cmd, { timeout: 120_000, maxBuffer: 16 * 1024 * 1024, ...opts }, (err, stdout, stderr) => { //@vuln CWE-78
      if (err) {
        err.stderr = stderr;
        return reject(err);
      }
      resolve(stdout.trim());
    });
  });
}

function resolveInside(root, relative) {
  const target = path.resolve(root, relative);
  if (!target.startsWith(root + path.sep)) throw new Error(`path escapes ${root}: ${relative}`);
  return target;
}

function applyOverrides(base, overrides = {}) {
  const merged = structuredClone(base);
  for (const [dotted, value] of Object.entries(overrides)) {
    const [group, key] = dotted.split('.');
    merged[group] = merged[group] || {};
    merged[group][key] = value; //@vuln CWE-1321
  }
  return merged;
}

const handlers = {
  async 'media.transcode'(job) {
    const { assetId, source, preset = '720p', overrides } = job;
    const input = resolveInside(MEDIA_ROOT, source);
    const vf = Object.hasOwn(PRESETS, preset) ? PRESETS[preset] : PRESETS['720p'];
    const output = path.join(MEDIA_ROOT, 'out', `${Number(assetId)}-${vf.split(':')[1]}p.mp4`);
    const probe = JSON.parse(await sh(`ffprobe -v quiet -print_format json -show_format "${input}"`));
    const opts = applyOverrides(DEFAULT_OPTIONS, overrides);
    await execFileAsync('ffmpeg', ['-y', '-i', input, '-vf', vf, '-c:v', String(opts.video.codec), '-crf', String(opts.video.crf), '-c:a', String(opts.audio.codec), output], { timeout: 30 * 60_000 }); //@safe
    await db.execute('UPDATE assets SET duration = ?, status = ? WHERE id = ?', [Number(probe.format?.duration) || null, 'transcoded', assetId]);
  },

  async 'media.thumbnail'(job) {
    const { assetId, at = '00:00:01', size = '320x180' } = job;
    const [rows] = await db.query('SELECT storage_path FROM assets WHERE id = ?', [assetId]); //@safe
    if (!rows.length) throw new Error(`asset ${assetId} not found`);
    const thumb = path.join(MEDIA_ROOT, 'thumbs', `${Number(assetId)}.jpg`);
    await new Promise((resolve, reject) => {
      exec(`ffmpeg -y -ss ${at} -i "${rows[0].storage_path}" -frames:v 1 -s ${size} ${thumb}`, (err) => (err ? reject(err) : resolve())); //@vuln CWE-78
    });
  },

  async 'media.captions'(job) {
    const { assetId, language = 'en', fileName, vtt } = job;
    const target = path.join(CAPTIONS_DIR, String(assetId), fileName || `${language}.vtt`);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, vtt, 'utf8'); //@vuln CWE-22
    await db.execute('INSERT INTO captions (asset_id, language, path) VALUES (?, ?, ?)', [assetId, language, target]);
  },

  async 'media.tag'(job) {
    const { assetId, tags = [], replace = false } = job;
    if (replace) {
      await db.query('DELETE FROM asset_tags WHERE asset_id = ?', [assetId]);
      await db.query('INSERT IGNORE INTO asset_tags (asset_id, tag) VALUES ?', [tags.map((t) => [assetId, String(t)])]); //@safe
      return;
    }
    const values = tags.map((t) => `(${Number(assetId)}, '${t}')`).join(', ');
    await db.query(`INSERT IGNORE INTO asset_tags (asset_id, tag) VALUES ${values}`); //@vuln CWE-89
  },

  async 'media.import'(job) {
    const { assetId, url, headers = {} } = job;
    const res = await fetch(url, { headers, redirect: 'follow', timeout: 30_000 }); //@vuln CWE-918
    if (!res.ok) throw new Error(`import failed: HTTP ${res.status}`);
    const dest = path.join(MEDIA_ROOT, 'incoming', `${Number(assetId)}.bin`);
    await fs.writeFile(dest, Buffer.from(await res.arrayBuffer()));
    await db.execute('UPDATE assets SET storage_path = ?, status = ? WHERE id = ?', [dest, 'imported', assetId]);
  },

  async 'media.rule'(job) {
    const { assetId, rule } = job;
    const [rows] = await db.execute('SELECT duration, width, height, bitrate FROM assets WHERE id = ?', [assetId]);
    const passes = Boolean(vm.runInNewContext(rule, { ...rows[0] }, { timeout: 50 })); //@vuln CWE-95
    await db.execute('UPDATE assets SET qc_passed = ? WHERE id = ?', [passes, assetId]);
  },
};

function decode(message) {
  const contentType = message.headers?.['content-type']?.toString() ?? 'application/json';
  const raw = message.value.toString('utf8');
  if (contentType === 'application/x-node-serialize') return unserialize(raw); //@vuln CWE-502
  return JSON.parse(raw); //@safe
}

async function run() {
  const version = await sh('ffmpeg -hide_banner -version'); //@safe
  logger.info({ ffmpeg: version.split('\n')[0] }, 'media worker starting');
  const consumer = kafka.consumer({ groupId: 'media-worker', sessionTimeout: 60_000 });
  await consumer.connect();
  await consumer.subscribe({ topics: Object.keys(handlers), fromBeginning: false });
  await consumer.run({
    partitionsConsumedConcurrently: 4,
    eachMessage: async ({ topic, partition, message }) => {
      const started = Date.now();
      let job;
      try {
        job = decode(message);
        await handlers[topic](job);
        logger.info({ topic, partition, offset: message.offset, ms: Date.now() - started }, 'job done');
      } catch (err) {
        logger.error({ err, topic, partition, offset: message.offset, assetId: job?.assetId }, 'job failed');
      }
    },
  });
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, async () => {
      await consumer.disconnect();
      await db.end();
      process.exit(0);
    });
  }
}

if (require.main === module) {
  run().catch((err) => {
    logger.fatal({ err }, 'worker crashed');
    process.exit(1);
  });
}

module.exports = { handlers, applyOverrides, resolveInside, sh };
