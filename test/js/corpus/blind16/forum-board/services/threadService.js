var pool = require('../lib/db');
var config = require('../config');

function list(opts, cb) {
  var offset = (opts.page - 1) * config.pageSize;
  var sql = 'SELECT t.id, t.title, u.username AS author, t.reply_count, t.created_at FROM threads t ' +
    'JOIN users u ON u.id = t.user_id ORDER BY ' + opts.sort + ' DESC LIMIT ' + config.pageSize + ' OFFSET ' + offset;
  pool.query(sql, cb); //@vuln CWE-89
}

function search(term, board, cb) {
  var where = "t.title LIKE '%" + term + "%'";
  if (board) where += ' AND t.board = ' + pool.escape(board);
  pool.query('SELECT t.id, t.title, t.created_at FROM threads t WHERE ' + where + ' LIMIT 50', cb); //@vuln CWE-89
}

function get(id, cb) {
  pool.query('SELECT t.*, u.username AS author FROM threads t JOIN users u ON u.id = t.user_id WHERE t.id = ?', [id], function (err, rows) { //@safe
    cb(err, rows && rows[0]);
  });
}

function renderMarkup(text) {
  return text
    .replace(/\[b\](.*?)\[\/b\]/g, '<strong>$1</strong>')
    .replace(/\[i\](.*?)\[\/i\]/g, '<em>$1</em>')
    .replace(/\n/g, '<br>');
}

module.exports = { list: list, search: search, get: get, renderMarkup: renderMarkup };
