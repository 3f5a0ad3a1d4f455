var express = require('express');
var multer = require('multer');
var path = require('path');
var config = require('../config');
var storage = require('../services/storage');
var thumbs = require('../services/thumbnails');
var archive = require('../services/archive');

var upload = multer({
  storage: multer.diskStorage({
    destination: config.uploadDir,
    filename: function (req, file, cb) {
      cb(null, Date.now() + '-' + path.basename(file.originalname).replace(/[^\w.\-]/g, '_'));
    }
  }),
  limits: { fileSize: config.maxFileSize }
});

var router = express.Router();

router.get('/', function (req, res) {
  var folder = req.query.folder || '';
  storage.listFiles(folder, function (err, files) {
    if (err && err.code === 'ENOENT') {
      return res.status(404).send('<p>Folder <b>' + folder + '</b> does not exist. <a href="/files">Back</a></p>'); //@vuln CWE-79
    }
    if (err) return res.status(500).send('Could not list files');
    res.render('gallery', { files: files, folder: folder });
  });
});

router.post('/upload', upload.single('photo'), function (req, res, next) {
  if (!req.file) return res.status(400).send('No file');
  thumbs.makeThumbnail(req.file.path, req.body.size || '320x240', function (err) {
    if (err) return next(err);
    thumbs.identify(req.file.path, function (err, info) {
      res.json({ name: req.file.filename, image: err ? null : info });
    });
  });
});

router.post('/bulk', upload.single('bundle'), function (req, res, next) {
  var avatars = req.query.kind === 'avatars';
  var extract = avatars ? archive.extractAvatars : archive.extractBundle;
  extract(req.file.path, path.join(config.uploadDir, avatars ? 'avatars' : 'bulk'), function (err, result) {
    if (err) return next(err);
    res.json({ extracted: result });
  });
});

router.get('/download', function (req, res) {
  var file = path.join(config.uploadDir, req.query.name || '');
  res.download(file); //@vuln CWE-22
});

router.get('/raw/:name', function (req, res) {
  var filePath = storage.resolveSafe(req.params.name);
  if (!filePath) return res.status(400).send('Bad file name');
  res.sendFile(filePath); //@safe
});

router.post('/transcode', function (req, res, next) {
  var src = storage.resolveSafe(req.body.name);
  if (!src) return res.status(400).send('Bad file name');
  thumbs.transcode(src, req.body.format || 'mp4', function (err, out) {
    if (err) return next(err);
    res.json({ output: path.basename(out) });
  });
});

router.post('/delete', function (req, res, next) {
  storage.removeFile(req.body.name, function (err) {
    if (err) return next(err);
    res.redirect('/files');
  });
});

module.exports = router;
