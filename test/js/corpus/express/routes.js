'use strict';
const express = require('express');
const router = express.Router();
const { spawn } = require('child_process');
const path = require('path');
const fs = require('fs');
const url = require('url');
const request = require('request');

const UPLOADS = path.join(__dirname, '..', 'uploads');

router.get('/download', function (req, res) {
  const filePath = UPLOADS + '/' + req.query.name;
  res.download(filePath); //@vuln CWE-22
});

router.get('/view', function (req, res) {
  const name = req.query.name.replace(/\.\.\//g, '');
  fs.readFile(path.join(UPLOADS, name), function (err, data) { //@vuln CWE-22
    res.end(data);
  });
});

router.get('/image', (req, res) => {
  const name = path.basename(req.query.name);
  res.sendFile(path.join(UPLOADS, name)); //@safe
});

router.get('/fetch', function (req, res) {
  request(req.query.url).pipe(res); //@vuln CWE-918
});

router.get('/fetch-safe', function (req, res) {
  const parsed = url.parse(req.query.url);
  if (parsed.hostname !== 'images.example.com') return res.status(400).end();
  request(req.query.url).pipe(res); //@safe
});

router.post('/run', (req, res) => {
  const child = spawn('/bin/sh', ['-c', req.body.script]); //@vuln CWE-78
  child.stdout.pipe(res);
});

router.get('/hello', (req, res) => {
  res.set('Content-Type', 'text/html');
  res.send('Hello ' + req.query.name); //@vuln CWE-79
});

router.get('/count', async (req, res) => {
  const items = await getItems(req.query.category);
  res.send(`<p>${items.length} items</p>`); //@safe
});

router.get('/back', (req, res) => {
  const ref = req.get('Referer') || '/';
  res.redirect(ref); //@vuln CWE-601
});

router.get('/search', (req, res) => {
  const q = req.query.q;
  const pattern = new RegExp('^' + q); //@vuln CWE-1333
  res.json({ ok: pattern.test('abc') });
});

async function getItems(category) {
  return [category];
}

module.exports = router;
