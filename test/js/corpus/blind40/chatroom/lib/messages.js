// lib/messages.js - all the mysql stuff for the chat
var mysql = require('mysql');

var pool = mysql.createPool({
  connectionLimit: 10,
  host: process.env.CHAT_DB_HOST || 'localhost',
  user: 'chat',
  password: 'Ch4tR00m!2017', //@vuln CWE-798
  database: 'chat',
  charset: 'utf8mb4'
});

function save(room, user, text, cb) {
  pool.query('INSERT INTO messages (room, username, body, created_at) VALUES (?, ?, ?, NOW())', [room, user, text], cb); //@safe
}

function history(room, limit, cb) {
  pool.query("SELECT * FROM messages WHERE room = '" + room + "' ORDER BY id DESC LIMIT " + limit, cb); //@vuln CWE-89
}

function recent(room, n, cb) {
  pool.query('SELECT id, username, body, created_at FROM messages WHERE room = ? ORDER BY id DESC LIMIT ?', [room, n], cb);
}

function byUser(name, cb) {
  pool.query('SELECT * FROM messages WHERE username = ' + pool.escape(name) + ' ORDER BY id DESC LIMIT 50', cb); //@safe
}

function deleteMsg(id, cb) {
  pool.query('DELETE FROM messages WHERE id = ' + id, cb); //@vuln CWE-89
}

function getRoom(name, cb) {
  pool.query("SELECT * FROM rooms WHERE name = '" + name + "'", function (err, rows) { //@vuln CWE-89
    if (err) return cb(err);
    cb(null, rows[0]);
  });
}

function setTopic(room, topic, cb) {
  pool.query('UPDATE rooms SET topic = ? WHERE name = ?', [topic, room], cb);
}

function saveInvite(room, code, cb) {
  pool.query('INSERT INTO invites (room, code, created_at) VALUES (?, ?, NOW())', [room, code], cb);
}

function checkInvite(room, code, cb) {
  pool.query('SELECT id FROM invites WHERE room = ? AND code = ?', [room, code], function (err, rows) {
    cb(err, rows && rows.length > 0);
  });
}

module.exports = {
  pool: pool,
  save: save,
  history: history,
  recent: recent,
  byUser: byUser,
  deleteMsg: deleteMsg,
  getRoom: getRoom,
  setTopic: setTopic,
  saveInvite: saveInvite,
  checkInvite: checkInvite
};
