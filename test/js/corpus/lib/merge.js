const _ = require('lodash');
const express = require('express');

function isObject(v) {
  return v !== null && typeof v === 'object';
}

function deepMerge(target, source) {
  for (const key in source) {
    if (isObject(source[key])) {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (isObject(source[key])) {
      target[key] = safeMerge(target[key] || {}, source[key]);
    } else {
      target[key] = source[key]; //@safe
    }
  }
  return target;
}

const settings = {};
const app = express();
app.use(express.json());

app.post('/settings', (req, res) => {
  deepMerge(settings, req.body); //@vuln CWE-1321
  res.json(settings);
});

app.post('/settings-safe', (req, res) => {
  safeMerge(settings, req.body);
  res.json(settings);
});

app.post('/prefs', (req, res) => {
  const prefs = _.merge({}, req.body.prefs); //@vuln CWE-1321
  res.json(prefs);
});

app.post('/prefs-safe', (req, res) => {
  const prefs = Object.assign({}, { theme: String(req.body.theme) }); //@safe
  res.json(prefs);
});

app.put('/config/:section/:key', (req, res) => {
  const { section, key } = req.params;
  settings[section][key] = req.body.value; //@vuln CWE-1321
  res.sendStatus(204);
});

app.put('/flags/:name', (req, res) => {
  const flags = new Map();
  flags.set(req.params.name, Boolean(req.body.on)); //@safe
  res.sendStatus(204);
});

module.exports = { deepMerge, safeMerge, app };
