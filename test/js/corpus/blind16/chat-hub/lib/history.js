var mysql = require('mysql2');

var pool = mysql.createPool({ host: process.env.CHAT_DB_HOST || 'localhost', user: 'chat', password: process.env.CHAT_DB_PASS, database: 'chat' });

exports.save = function (room, nick, text) {
  pool.execute('INSERT INTO messages (room, nick, body, created_at) VALUES (?, ?, ?, NOW())', [room, nick, text], function (err) { //@safe
    if (err) console.error('history save failed: ' + err.message);
  });
};

exports.fetch = function (room, before, cb) {
  var sql = "SELECT nick, body, created_at FROM messages WHERE room = '" + room + "'";
  if (before) sql += ' AND created_at < ' + pool.escape(before);
  pool.query(sql + ' ORDER BY created_at DESC LIMIT 100', cb); //@vuln CWE-89
};
