const express = require('express');
const mongoose = require('mongoose');
const { MongoClient } = require('mongodb');

const userSchema = new mongoose.Schema({
  username: { type: String, index: true },
  email: String,
  role: { type: String, default: 'member' },
  prefs: { type: Object, default: {} },
  score: Number,
});
const User = mongoose.model('User', userSchema);

const client = new MongoClient(process.env.MONGO_URL);
const auditDb = () => client.db('audit');

// ---------- helpers ----------

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object') {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function safeAssign(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(target, key)) continue;
    target[key] = value; //@safe
  }
  return target;
}

class ProfileService {
  async login(body) {
    // body comes straight from JSON
    return User.findOne({ username: body.username, password: body.password }); //@vuln CWE-943
  }

  async findByName(name) {
    return User.findOne({ username: String(name) }); //@safe
  }

  async search(query) {
    return User.find(query).limit(50); //@vuln CWE-943
  }

  async topScorers(minScore) {
    return User.find({ $where: `this.score > ${minScore}` }); //@vuln CWE-943
  }

  async byRole(role) {
    const allowed = ['member', 'editor', 'admin'];
    if (!allowed.includes(role)) return [];
    return User.find({ role }).lean(); //@safe
  }

  async updatePrefs(userId, patch) {
    const user = await User.findById(userId);
    const merged = deepMerge(user.prefs || {}, patch);
    user.prefs = merged;
    return user.save();
  }

  async auditTrail(filter) {
    return auditDb().collection('events').find(filter).toArray(); //@vuln CWE-943
  }
}

const service = new ProfileService();
const app = express();
app.use(express.json());

app.post('/api/login', async (req, res) => {
  const user = await service.login(req.body);
  if (!user) return res.status(401).json({ error: 'bad login' });
  res.json({ id: user.id });
});

app.get('/api/users/:name', async (req, res) => {
  const user = await service.findByName(req.params.name);
  res.json(user);
});

app.post('/api/users/search', async (req, res) => {
  const results = await service.search(req.body.filter);
  res.json(results);
});

app.get('/api/users/top', async (req, res) => {
  res.json(await service.topScorers(req.query.min));
});

app.get('/api/users/role/:role', async (req, res) => {
  res.json(await service.byRole(req.params.role));
});

app.patch('/api/users/:id/prefs', async (req, res) => {
  const saved = await service.updatePrefs(req.params.id, req.body);
  res.json(saved.prefs);
});

app.get('/api/audit', async (req, res) => {
  res.json(await service.auditTrail(req.query));
});

// Settings tree: path segments chosen by the client, e.g. PUT /api/settings/theme/color
const settings = {};
app.put('/api/settings/:section/:key', (req, res) => {
  const { section, key } = req.params;
  if (!settings[section]) settings[section] = {};
  settings[section][key] = req.body.value; //@vuln CWE-1321
  res.json(settings[section]);
});

const profileDefaults = { theme: 'light', locale: 'en', newsletter: false };
app.put('/api/profile/defaults', (req, res) => {
  const next = safeAssign({ ...profileDefaults }, req.body || {});
  res.json(next);
});

app.put('/api/flags/:name', (req, res) => {
  const flags = new Map();
  flags.set(req.params.name, Boolean(req.body.enabled)); //@safe
  res.json(Object.fromEntries(flags));
});

module.exports = { app, ProfileService, deepMerge };
