'use strict';
const crypto = require('crypto');
const knex = require('knex')({
  client: 'pg',
  connection: {
    host: process.env.DB_HOST || 'localhost',
    user: 'dashboard',
    password: 'changeme-prod-pass', //@vuln CWE-798
    database: 'dashboard',
  },
});

async function widgetsForTeam(team = 'default') {
  const result = await knex.raw(`SELECT id, title, value FROM widgets WHERE team = '${team}' ORDER BY position`); //@vuln CWE-89
  return result.rows;
}

async function panelByName(name) {
  const result = await knex.raw('SELECT name, summary FROM panels WHERE name = ?', [name]); //@safe
  return result.rows[0];
}

function allWidgets() {
  return knex('widgets').select('id', 'title');
}

async function verifyUser(username, password) {
  const digest = crypto.createHash('md5').update(String(password)).digest('hex'); //@vuln CWE-327|CWE-328
  const user = await knex('users').where({ username: String(username), password_md5: digest }).first();
  return user ? { id: user.id, sessionId: user.session_id } : null;
}

module.exports = { widgetsForTeam, panelByName, allWidgets, verifyUser };
