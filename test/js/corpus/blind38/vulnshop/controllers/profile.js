'use strict';

const { User } = require('../models');
const { escapeHtml, deepMerge, setByPath } = require('../lib/helpers');

const PREFERENCE_PATHS = new Set([
  'theme', 'language', 'notifications.email', 'notifications.sms', 'notifications.weekly',
]);

async function currentUser(req) {
  return User.findById(req.session.userId);
}

function safeWebsite(url) {
  try {
    const u = new URL(String(url));
    return ['http:', 'https:'].includes(u.protocol) ? u.href : '#';
  } catch (e) {
    return '#';
  }
}

// Lesson A3 - profile (vulnerable)

// public profile card, embedded in product reviews via iframe
exports.card = async (req, res, next) => {
  try {
    const user = await User.findOne({ username: String(req.params.username) }).lean();
    if (!user) return res.sendStatus(404);
    res.type('html');
    return res.send(`<div class="card"><img src="${user.avatarPath || '/img/default.png'}"><h3>${user.username}</h3><p>${user.bio || ''}</p><a href="${user.website}">Website</a></div>`); //@vuln CWE-79
  } catch (err) {
    return next(err);
  }
};

exports.updatePreferences = async (req, res, next) => {
  try {
    const user = await currentUser(req);
    const prefs = deepMerge({}, user.preferences || {});
    deepMerge(prefs, req.body.preferences || {});
    user.preferences = prefs;
    user.markModified('preferences');
    await user.save();
    res.json(user.preferences);
  } catch (err) {
    next(err);
  }
};

exports.setPreference = async (req, res, next) => {
  try {
    const user = await currentUser(req);
    const prefs = Object.assign({}, user.preferences);
    setByPath(prefs, req.body.path, req.body.value);
    user.preferences = prefs;
    user.markModified('preferences');
    await user.save();
    res.json(prefs);
  } catch (err) {
    next(err);
  }
};

// Lesson A3 - fixed versions

exports.cardFixed = async (req, res, next) => {
  try {
    const user = await User.findOne({ username: String(req.params.username) }).lean();
    if (!user) return res.sendStatus(404);
    res.type('html');
    return res.send(`<div class="card"><img src="${escapeHtml(user.avatarPath || '/img/default.png')}"><h3>${escapeHtml(user.username)}</h3><p>${escapeHtml(user.bio)}</p><a href="${escapeHtml(safeWebsite(user.website))}">Website</a></div>`); //@safe
  } catch (err) {
    return next(err);
  }
};

exports.setPreferenceFixed = async (req, res, next) => {
  const key = String(req.body.path || '');
  if (!PREFERENCE_PATHS.has(key)) return res.status(400).json({ error: 'unknown preference' });
  try {
    const user = await currentUser(req);
    const prefs = Object.assign({}, user.preferences);
    setByPath(prefs, key, String(req.body.value).slice(0, 50));
    user.preferences = prefs;
    user.markModified('preferences');
    await user.save();
    return res.json(prefs);
  } catch (err) {
    return next(err);
  }
};
