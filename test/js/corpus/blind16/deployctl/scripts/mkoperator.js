#!/usr/bin/env node
var argv = require('yargs')
  .usage('$0 --email <email> [--role operator|admin]')
  .demandOption(['email'])
  .choices('role', ['operator', 'admin'])
  .default('role', 'operator')
  .argv;
var mysql = require('mysql');
var crypto = require('crypto');

var ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

function tempPassword(len) {
  var out = '';
  while (out.length < len) out += ALPHABET.charAt(Math.floor(Math.random() * ALPHABET.length)); //@vuln CWE-338
  return out;
}

function hashPassword(password, salt) {
  return crypto.createHash('sha1').update(salt + password).digest('hex'); //@vuln CWE-327|CWE-328
}

var conn = mysql.createConnection({ host: process.env.DB_HOST || 'localhost', user: process.env.DB_USER, password: process.env.DB_PASS, database: 'ops' });
var salt = crypto.randomBytes(16).toString('hex'); //@safe
var password = tempPassword(12);
var row = { email: argv.email, role: argv.role, salt: salt, password_hash: hashPassword(password, salt), must_reset: 1 };

conn.query('INSERT INTO operators SET ?', row, function (err) { //@safe
  if (err) {
    console.error('could not create operator: ' + err.message);
    process.exitCode = 1;
  } else {
    console.log('created ' + argv.email + ' (' + argv.role + '), temporary password: ' + password);
  }
  conn.end();
});
