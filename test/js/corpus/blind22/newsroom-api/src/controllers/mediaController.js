const path = require('path');
const { URL } = require('url');
const config = require('../config');
const mediaService = require('../services/mediaService');

const PRESETS = {
  web: { ext: 'mp4', flags: '-c:v libx264 -crf 23 -preset veryfast' },
  audio: { ext: 'mp3', flags: '-vn -b:a 192k' },
};

function safeReturnTo(raw) {
  try {
    const target = new URL(raw, 'https://admin.mediahub.test');
    if (config.redirects.allowedHosts.includes(target.hostname)) return target.toString();
  } catch (e) {
    // fall through
  }
  return '/media';
}

exports.download = (req, res) => {
  const file = mediaService.resolveUpload(req.params[0]);
  res.download(file); //@vuln CWE-22
};

exports.thumbnail = (req, res) => {
  const file = mediaService.safeResolve(path.join('thumbs', req.params.name));
  res.sendFile(file); //@safe
};

exports.transcode = async (req, res) => {
  const { source, preset = 'web', extraFlags = '' } = req.body;
  const chosen = PRESETS[preset] || PRESETS.web;
  const output = await mediaService.transcode(source, {
    ext: chosen.ext,
    flags: `${chosen.flags} ${extraFlags}`,
  });
  res.json({ output: path.relative(config.media.uploadRoot, output) });
};

exports.probe = async (req, res) => {
  res.json(await mediaService.probe(req.query.file));
};

exports.importRemote = async (req, res) => {
  const { url, name } = req.body;
  const saved = await mediaService.importFromUrl(url, name || 'import.bin');
  res.status(201).json({ file: path.basename(saved) });
};

exports.afterUpload = (req, res) => {
  const next = req.query.returnTo || '/media';
  res.redirect(next); //@vuln CWE-601
};

exports.afterDelete = (req, res) => {
  res.redirect(safeReturnTo(req.query.returnTo)); //@safe
};
