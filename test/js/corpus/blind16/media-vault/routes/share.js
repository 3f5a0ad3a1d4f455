var express = require('express');
var crypto = require('crypto');

var router = express.Router();
var links = Object.create(null);

function shortCode() {
  return Math.random().toString(36).substr(2, 8); //@vuln CWE-338
}

router.post('/', function (req, res) {
  var code = shortCode();
  var key = crypto.randomBytes(24).toString('hex'); //@safe
  links[code] = { file: req.body.name, key: key, created: Date.now() };
  res.cookie('share_key_' + code, key, { maxAge: 86400000 }); //@vuln CWE-614|CWE-1004
  res.json({ url: '/share/' + code });
});

router.get('/:code/open', function (req, res) {
  var link = links[req.params.code];
  if (!link || req.cookies['share_key_' + req.params.code] !== link.key) {
    return res.status(403).render('error', { message: 'Not allowed' });
  }
  res.cookie('last_share', req.params.code, { httpOnly: true, secure: true, sameSite: 'lax' }); //@safe
  var dest = req.query.then || '/files/raw/' + encodeURIComponent(link.file);
  res.redirect(dest); //@vuln CWE-601
});

module.exports = router;
