var express = require('express');
var bodyParser = require('body-parser');
var mysql = require('mysql');
var config = require('./config');
var importer = require('./lib/importer');
var rules = require('./lib/rules');
var tokens = require('./lib/tokens');

var db = mysql.createConnection(config.db);
var app = express();
var activeRules = [];

app.use(bodyParser.text({ type: ['application/xml', 'text/xml', 'text/yaml'], limit: '2mb' }));

app.post('/import/subscribers', function (req, res) {
  var rows = importer.parseSubscribers(req.body).map(function (s) { return [tokens.encryptEmail(s.email), s.name]; });
  if (!rows.length) return res.json({ imported: 0 });
  db.query('INSERT IGNORE INTO subscribers (email_enc, name) VALUES ?', [rows], function (err, result) {
    if (err) return res.status(500).json({ error: 'db error' });
    res.json({ imported: result.affectedRows });
  });
});

app.put('/rules', function (req, res) {
  try {
    activeRules = rules.parseRules(req.body);
  } catch (e) {
    return res.status(400).json({ error: e.message });
  }
  res.json({ rules: activeRules.length });
});

app.put('/settings', function (req, res) {
  res.json(rules.parseSettings(req.body));
});

app.get('/unsubscribe', function (req, res) {
  var email = String(req.query.email || '');
  if (!tokens.verifyUnsubscribe(email, req.query.token)) {
    return res.status(403).send('<h1>Link expired</h1><p>We could not unsubscribe ' + email + '. Please contact support.</p>'); //@vuln CWE-79
  }
  var sql = 'UPDATE subscribers SET unsubscribed_at = NOW() WHERE email_enc = ' + db.escape(tokens.encryptEmail(email));
  db.query(sql, function (err) { //@safe
    if (err) return res.status(500).send('Please try again later.');
    res.send('<h1>Unsubscribed</h1><p>You will no longer receive these emails.</p>');
  });
});

app.listen(config.adminPort);
