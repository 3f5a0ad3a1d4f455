// routes/upload.js - customer uploads (review photos, avatars, trade invoices)
var express = require('express');
var router = express.Router();
var multer = require('multer');
var fs = require('fs');
var path = require('path');
var mkdirp = require('mkdirp');
var exec = require('child_process').exec;
var execFile = require('child_process').execFile;
var config = require('../config');
var utils = require('../lib/utils');

var upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
var IMAGE_EXTS = ['.jpg', '.jpeg', '.png', '.gif'];

function mustLogin(req, res, next) {
  if (!req.session.user) return res.status(401).send('Please log in');
  next();
}

// review photos - folder is the product slug, sent by the form as a hidden field
router.post('/photos', mustLogin, upload.single('photo'), function (req, res) {
  if (!req.file) return res.status(400).send('No file');
  var folder = req.body.folder || 'misc';
  var dir = path.join(config.uploadDir, 'photos', folder);
  mkdirp(dir, function (err) {
    if (err) return res.status(500).send('Upload failed');
    fs.writeFile(path.join(dir, req.file.originalname), req.file.buffer, function (err) { //@vuln CWE-22
      if (err) return res.status(500).send('Upload failed');
      res.json({ ok: true, url: '/uploads/photos/' + encodeURIComponent(folder) + '/' + encodeURIComponent(req.file.originalname) });
    });
  });
});

router.get('/photos/:folder/:name', function (req, res) {
  var file = path.join(config.uploadDir, 'photos', req.params.folder, req.params.name);
  fs.readFile(file, function (err, buf) { //@vuln CWE-22
    if (err) return res.status(404).end();
    res.set('ETag', utils.fileEtag(buf));
    res.type(path.extname(file) || 'application/octet-stream').send(buf);
  });
});

router.post('/avatar', mustLogin, upload.single('avatar'), function (req, res) {
  if (!req.file) return res.status(400).send('No file');
  var ext = path.extname(req.file.originalname).toLowerCase();
  if (IMAGE_EXTS.indexOf(ext) === -1) return res.status(400).send('Images only please');

  var tmp = path.join(config.uploadDir, 'tmp', req.session.user.id + '-' + Date.now() + ext);
  var out = path.join(config.uploadDir, 'avatars', req.session.user.id + '.png');
  fs.writeFile(tmp, req.file.buffer, function (err) {
    if (err) return res.status(500).send('Upload failed');
    execFile('convert', [tmp, '-resize', '200x200^', '-gravity', 'center', '-extent', '200x200', out], function (err) { //@safe
      fs.unlink(tmp, function () {});
      if (err) return res.status(500).send('Could not process image');
      res.redirect('/account');
    });
  });
});

router.get('/avatars/:name', function (req, res) {
  res.sendFile(req.params.name, { root: path.join(config.uploadDir, 'avatars') }, function (err) { //@safe
    if (err) res.status(err.status || 404).end();
  });
});

// trade customers upload invoices as word docs, we turn them into pdf for the accountant
router.post('/invoices', mustLogin, upload.single('invoice'), function (req, res) {
  if (!req.file) return res.status(400).send('No file');
  var dir = path.join(config.uploadDir, 'invoices', String(req.session.user.id));
  mkdirp.sync(dir);
  var saved = path.join(dir, path.basename(req.file.originalname));
  fs.writeFileSync(saved, req.file.buffer);
  // var cmd = 'libreoffice --headless --convert-to pdf ' + saved;
  exec('unoconv -f pdf -o ' + dir + ' "' + saved + '"', function (err, stdout, stderr) { //@vuln CWE-78
    if (err) {
      console.error(stderr);
      return res.status(500).send('Conversion failed, we will do it by hand');
    }
    res.send('Thanks, invoice received');
  });
});

module.exports = router;
