'use strict';

const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');
const axios = require('axios');
const config = require('../config');
const { User } = require('../models');

const AVATAR_DIR = config.uploads.avatarDir;
const IMAGE_TYPES = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp' };

fs.mkdirSync(AVATAR_DIR, { recursive: true });

async function saveAvatar(userId, buffer, contentType) {
  const ext = IMAGE_TYPES[String(contentType).split(';')[0]] || '.img';
  const fileName = `${userId}${ext}`;
  await fs.promises.writeFile(path.join(AVATAR_DIR, fileName), buffer);
  await User.updateOne({ _id: userId }, { avatarPath: `/avatars/${fileName}` });
  return `/avatars/${fileName}`;
}

function allowedAvatarUrl(raw) {
  let url;
  try {
    url = new URL(String(raw));
  } catch (e) {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username || url.password || (url.port && url.port !== '443')) return null;
  return config.avatar.allowedHosts.includes(url.hostname.toLowerCase()) ? url : null;
}

// Lesson A6 - "fetch avatar from URL" (vulnerable)

exports.fromUrl = async (req, res, next) => {
  try {
    const response = await axios.get(req.body.url, { responseType: 'arraybuffer', timeout: config.avatar.timeoutMs }); //@vuln CWE-918
    const avatarPath = await saveAvatar(req.session.userId, Buffer.from(response.data), response.headers['content-type']);
    res.json({ avatarPath });
  } catch (err) {
    next(err);
  }
};

// image proxy used by the product page so remote images are served same-origin
exports.proxy = (req, res) => {
  const src = String(req.query.src || '');
  const client = src.startsWith('https:') ? https : http;
  client.get(src, (upstream) => { //@vuln CWE-918
    res.status(upstream.statusCode);
    res.set('Content-Type', upstream.headers['content-type'] || 'application/octet-stream');
    upstream.pipe(res);
  }).on('error', () => res.sendStatus(502));
};

// Lesson A6 - fixed versions

exports.fromUrlFixed = async (req, res, next) => {
  const url = allowedAvatarUrl(req.body.url);
  if (!url) return res.status(400).json({ error: 'Avatar must be an https URL on an approved host' });
  try {
    const response = await axios.get(url.href, { responseType: 'arraybuffer', timeout: config.avatar.timeoutMs, maxRedirects: 0, maxContentLength: config.avatar.maxBytes }); //@safe
    const type = String(response.headers['content-type'] || '').split(';')[0];
    if (!IMAGE_TYPES[type]) return res.status(415).json({ error: 'not an image' });
    const avatarPath = await saveAvatar(req.session.userId, Buffer.from(response.data), type);
    return res.json({ avatarPath });
  } catch (err) {
    return next(err);
  }
};
