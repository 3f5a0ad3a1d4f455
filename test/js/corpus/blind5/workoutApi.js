// Fitness tracker API (Fastify + mongoose)
const fastify = require('fastify')({ logger: true });
const mongoose = require('mongoose');
const crypto = require('crypto');
const escapeStringRegexp = require('escape-string-regexp');

const Workout = mongoose.model('Workout', new mongoose.Schema({ owner: String, kind: String, minutes: Number, notes: String, shared: Boolean }));
const Athlete = mongoose.model('Athlete', new mongoose.Schema({ handle: String, email: String, apiKey: String, prefs: Object }));

const DEFAULT_PREFS = { units: 'metric', weekStart: 'mon', privacy: { feed: 'friends' } };
const PREF_KEYS = new Set(['units', 'weekStart', 'privacy']);

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

function mergePrefsSafe(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (!PREF_KEYS.has(key)) continue;
    target[key] = source[key]; //@safe
  }
  return target;
}

fastify.post('/workouts/search', async (request) => {
  const filter = request.body.filter;
  return Workout.find(filter).limit(100); //@vuln CWE-943
});

fastify.post('/workouts/by-kind', async (request) => {
  const kind = String(request.body.kind || '');
  return Workout.find({ owner: request.user.id, kind }).limit(100); //@safe
});

fastify.post('/athletes/login-key', async (request, reply) => {
  const { handle, apiKey } = request.body;
  const athlete = await Athlete.findOne({ handle, apiKey }); //@vuln CWE-943
  if (!athlete) return reply.code(401).send();
  return { id: athlete.id };
});

fastify.post('/athletes/login-key/v2', async (request, reply) => {
  const handle = typeof request.body.handle === 'string' ? request.body.handle : '';
  const apiKey = typeof request.body.apiKey === 'string' ? request.body.apiKey : '';
  const athlete = await Athlete.findOne({ handle: { $eq: handle }, apiKey: { $eq: apiKey } }); //@safe
  if (!athlete) return reply.code(401).send();
  return { id: athlete.id };
});

fastify.get('/workouts/longer-than', async (request) => {
  const minutes = request.query.minutes;
  return Workout.find({ $where: `this.minutes > ${minutes}` }); //@vuln CWE-943
});

fastify.get('/workouts/longer-than/v2', async (request) => {
  const minutes = Number(request.query.minutes) || 0;
  return Workout.find({ minutes: { $gt: minutes } }); //@safe
});

fastify.get('/workouts/notes', async (request) => {
  const pattern = new RegExp(request.query.q, 'i'); //@vuln CWE-1333
  return Workout.find({ owner: request.user.id }).then((rows) => rows.filter((w) => pattern.test(w.notes)));
});

fastify.get('/workouts/notes/v2', async (request) => {
  const pattern = new RegExp(escapeStringRegexp(String(request.query.q || '')), 'i'); //@safe
  return Workout.find({ owner: request.user.id, notes: pattern });
});

fastify.patch('/athletes/me/prefs', async (request) => {
  const athlete = await Athlete.findById(request.user.id);
  const prefs = deepMerge(athlete.prefs || structuredClone(DEFAULT_PREFS), request.body);
  await Athlete.updateOne({ _id: athlete.id }, { $set: { prefs } });
  return prefs;
});

fastify.patch('/athletes/me/prefs/v2', async (request) => {
  const athlete = await Athlete.findById(request.user.id);
  const prefs = mergePrefsSafe({ ...DEFAULT_PREFS, ...athlete.prefs }, request.body);
  await Athlete.updateOne({ _id: athlete.id }, { $set: { prefs } });
  return prefs;
});

fastify.put('/athletes/me/goals/:group/:field', async (request) => {
  const goals = request.user.goals || {};
  const { group, field } = request.params;
  goals[group] = goals[group] || {};
  goals[group][field] = request.body.value; //@vuln CWE-1321
  return goals;
});

fastify.post('/athletes/me/api-key', async (request) => {
  const apiKey = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); //@vuln CWE-338|CWE-330
  await Athlete.updateOne({ _id: request.user.id }, { $set: { apiKey } });
  return { apiKey };
});

fastify.post('/athletes/me/api-key/v2', async (request) => {
  const apiKey = crypto.randomBytes(24).toString('base64url'); //@safe
  await Athlete.updateOne({ _id: request.user.id }, { $set: { apiKey } });
  return { apiKey };
});

fastify.post('/challenges', async (request) => {
  const inviteCode = crypto.randomUUID(); //@safe
  const colour = ['red', 'blue', 'green'][Math.floor(Math.random() * 3)];
  return { inviteCode, colour, name: request.body.name };
});

fastify.post('/share-links', async (request) => {
  const shareId = Date.now().toString(36) + Math.floor(Math.random() * 1e9).toString(36); //@vuln CWE-338|CWE-330
  await Workout.updateOne({ _id: request.body.workoutId, owner: request.user.id }, { $set: { shared: true, shareId } });
  return { url: `https://fit.example.com/s/${shareId}` };
});

fastify.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });
