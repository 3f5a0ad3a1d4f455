const express = require('express');
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const multer = require('multer');

const app = express();
const upload = multer({ dest: '/tmp/uploads' });
const BASE = path.resolve(__dirname, 'storage');

app.get('/read', (req, res) => {
  const name = req.query.file;
  fs.readFile(path.join(BASE, name), 'utf8', (err, data) => { //@vuln CWE-22
    if (err) return res.status(404).end();
    res.type('text/plain').send(data);
  });
});

app.get('/read-safe', (req, res) => {
  const name = path.basename(String(req.query.file));
  fs.readFile(path.join(BASE, name), 'utf8', (err, data) => { //@safe
    if (err) return res.status(404).end();
    res.type('text/plain').send(data);
  });
});

app.delete('/files/:name', async (req, res) => {
  await fsp.unlink(`${BASE}/${req.params.name}`); //@vuln CWE-22
  res.sendStatus(204);
});

app.post('/notes', express.json(), async (req, res) => {
  const { title, body } = req.body;
  const target = path.join(BASE, 'notes', title + '.md');
  await fsp.writeFile(target, body); //@vuln CWE-22
  res.status(201).json({ ok: true });
});

app.post('/upload', upload.single('doc'), (req, res) => {
  const dest = path.resolve(BASE, req.file.originalname);
  if (!dest.startsWith(BASE + path.sep)) {
    return res.status(400).json({ error: 'bad name' });
  }
  fs.renameSync(req.file.path, dest); //@safe
  res.json({ stored: path.basename(dest) });
});

app.get('/logs', (req, res) => {
  const stream = fs.createReadStream(path.join('/var/log/app', req.query.day + '.log')); //@vuln CWE-22
  stream.pipe(res);
});

app.get('/config', (req, res) => {
  const data = fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8'); //@safe
  res.json(JSON.parse(data));
});

module.exports = app;
