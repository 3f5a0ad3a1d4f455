const libxmljs = require('libxmljs');
const yaml = require('js-yaml');
const serialize = require('node-serialize');
const express = require('express');

const app = express();
app.use(express.text({ type: '*/*' }));

app.post('/import/xml', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true }); //@vuln CWE-611
  res.json({ root: doc.root().name() });
});

app.post('/import/xml-safe', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true }); //@safe
  res.json({ root: doc.root().name() });
});

app.post('/import/yaml', (req, res) => {
  const data = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  res.json(data);
});

app.post('/import/yaml-safe', (req, res) => {
  const data = yaml.load(req.body); //@safe
  res.json(data);
});

app.post('/session/restore', (req, res) => {
  const state = serialize.unserialize(Buffer.from(req.cookies.state, 'base64').toString()); //@vuln CWE-502
  res.json(state);
});

app.post('/session/restore-safe', (req, res) => {
  const state = JSON.parse(Buffer.from(req.cookies.state, 'base64').toString()); //@safe
  res.json(state);
});

module.exports = app;
