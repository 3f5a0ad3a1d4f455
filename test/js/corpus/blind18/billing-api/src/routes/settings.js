const express = require('express');
const pool = require('../db');

const router = express.Router();

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (isPlainObject(source[key])) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

async function loadSettings(accountId) {
  const { rows } = await pool.query('SELECT settings FROM accounts WHERE id = $1', [accountId]);
  return (rows[0] && rows[0].settings) || {};
}

async function saveSettings(accountId, settings) {
  await pool.query('UPDATE accounts SET settings = $1, updated_at = now() WHERE id = $2', [JSON.stringify(settings), accountId]);
}

router.put('/', async (req, res, next) => {
  try {
    const current = await loadSettings(req.user.accountId);
    const merged = deepMerge(current, req.body);
    await saveSettings(req.user.accountId, merged);
    res.json(merged);
  } catch (err) {
    next(err);
  }
});

router.patch('/:section/:field', async (req, res, next) => {
  try {
    const { section, field } = req.params;
    const settings = await loadSettings(req.user.accountId);
    settings[section] = settings[section] || {};
    settings[section][field] = req.body.value; //@vuln CWE-1321
    await saveSettings(req.user.accountId, settings);
    res.json(settings[section]);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
