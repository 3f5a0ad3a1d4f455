var express = require('express');
var Handlebars = require('handlebars');
var cors = require('../lib/cors');
var history = require('../lib/history');

var router = express.Router();

var embedTpl = Handlebars.compile('<div class="chat-embed"><h3>{{{title}}}</h3><iframe src="/room/{{room}}"></iframe></div>');

router.get('/history/:room', function (req, res, next) {
  history.fetch(req.params.room, req.query.before, function (err, rows) {
    if (err) return next(err);
    res.json(rows);
  });
});

router.get('/embed', cors.widget, function (req, res) {
  var html = embedTpl({ title: req.query.title || 'Chat with us', room: req.query.room || 'support' });
  res.type('html').send(html); //@vuln CWE-79
});

module.exports = router;
