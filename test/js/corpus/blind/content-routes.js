const express = require('express');
const path = require('path');
const fs = require('fs');
const fsp = require('fs/promises');
const escapeHtml = require('escape-html');

const router = express.Router();
const UPLOAD_ROOT = path.resolve(__dirname, 'uploads');

router.get('/hello', (req, res) => {
  const name = req.query.name;
  res.send('<h1>Hello ' + name + '</h1>'); //@vuln CWE-79
});

router.get('/hello-safe', (req, res) => {
  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`); //@safe
});

router.get('/profile', (req, res) => {
  const bio = req.body.bio;
  res.write(`<div class="bio">${bio}</div>`); //@vuln CWE-79
  res.end();
});

router.get('/json-echo', (req, res) => {
  res.json({ q: req.query.q }); //@safe
});

router.get('/files/:name', (req, res) => {
  const file = path.join(UPLOAD_ROOT, req.params.name);
  res.sendFile(file); //@vuln CWE-22
});

router.get('/download', (req, res) => {
  const requested = path.resolve(UPLOAD_ROOT, req.query.file);
  if (!requested.startsWith(UPLOAD_ROOT + path.sep)) {
    return res.status(400).end();
  }
  res.download(requested); //@safe
});

router.get('/raw', async (req, res) => {
  const data = await fsp.readFile(path.join('/var/data', req.query.doc), 'utf8'); //@vuln CWE-22
  res.type('text/plain').send(data);
});

router.post('/notes', (req, res) => {
  const { title, body } = req.body;
  fs.writeFileSync(`./notes/${title}.txt`, body); //@vuln CWE-22
  res.status(201).end();
});

router.get('/fixed', (req, res) => {
  const text = fs.readFileSync(path.join(__dirname, 'static', 'terms.txt'), 'utf8'); //@safe
  res.type('text/plain').send(text);
});

router.get('/basename', (req, res) => {
  const safeName = path.basename(req.query.file);
  res.sendFile(path.join(UPLOAD_ROOT, safeName)); //@safe
});

router.get('/go', (req, res) => {
  res.redirect(req.query.next); //@vuln CWE-601
});

const ALLOWED = new Set(['/home', '/account', '/settings']);
router.get('/go-safe', (req, res) => {
  const target = req.query.next;
  res.redirect(ALLOWED.has(target) ? target : '/home'); //@safe
});

module.exports = router;
