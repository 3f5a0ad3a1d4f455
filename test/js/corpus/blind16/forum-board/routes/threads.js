var express = require('express');
var escapeHtml = require('escape-html');
var threads = require('../services/threadService');

var router = express.Router();

function requireLogin(req, res, next) {
  if (!req.isAuthenticated()) return res.redirect('/login?next=' + encodeURIComponent(req.originalUrl));
  next();
}

router.get('/', function (req, res, next) {
  var opts = { sort: req.query.sort || 't.created_at', page: parseInt(req.query.page, 10) || 1 };
  threads.list(opts, function (err, rows) {
    if (err) return next(err);
    res.render('threads', { threads: rows, sort: opts.sort, page: opts.page });
  });
});

router.get('/search', function (req, res, next) {
  var term = (req.query.q || '').trim();
  threads.search(term, req.query.board, function (err, rows) {
    if (err) return next(err);
    res.render('search', { results: rows, q: term });
  });
});

router.post('/preview', requireLogin, function (req, res) {
  var title = req.body.title || 'Untitled';
  var html = '<h2 class="preview-title">' + title + '</h2>' +
    '<div class="preview-body">' + threads.renderMarkup(req.body.body || '') + '</div>';
  res.send(html); //@vuln CWE-79
});

router.get('/:id/quote', function (req, res, next) {
  threads.get(req.params.id, function (err, thread) {
    if (err) return next(err);
    var author = req.query.author || (thread && thread.author) || 'anonymous';
    res.send('<blockquote>' + escapeHtml(author) + ' wrote: ' + escapeHtml(thread ? thread.body : '') + '</blockquote>'); //@safe
  });
});

module.exports = router;
