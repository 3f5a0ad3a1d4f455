var LocalStrategy = require('passport-local').Strategy;
var crypto = require('crypto');
var bcrypt = require('bcryptjs');
var pool = require('../lib/db');

function legacyHash(password) {
  return crypto.createHash('md5').update(password).digest('hex'); //@vuln CWE-327|CWE-328
}

function findByUsername(username, cb) {
  pool.query("SELECT id, username, password_hash, hash_type FROM users WHERE username = '" + username + "' LIMIT 1", function (err, rows) { //@vuln CWE-89
    cb(err, rows && rows[0]);
  });
}

function checkPassword(user, password, cb) {
  if (user.hash_type === 'md5') return cb(null, legacyHash(password) === user.password_hash);
  bcrypt.compare(password, user.password_hash, cb);
}

module.exports = function (passport) {
  passport.use(new LocalStrategy(function (username, password, done) {
    findByUsername(username, function (err, user) {
      if (err) return done(err);
      if (!user) return done(null, false, { message: 'Unknown user' });
      checkPassword(user, password, function (err, ok) {
        if (err) return done(err);
        done(null, ok ? user : false, ok ? undefined : { message: 'Wrong password' });
      });
    });
  }));

  passport.serializeUser(function (user, done) { done(null, user.id); });

  passport.deserializeUser(function (id, done) {
    pool.query('SELECT id, username, role FROM users WHERE id = ?', [id], function (err, rows) { //@safe
      done(err, rows && rows[0]);
    });
  });
};
