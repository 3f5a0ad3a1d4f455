// db.js - one shared sqlite connection for the whole app
var sqlite3 = require('sqlite3').verbose();
var config = require('./config');

var db = new sqlite3.Database(config.db.file, function (err) {
  if (err) {
    console.error('Could not open database ' + config.db.file, err);
    process.exit(1);
  }
  console.log('Connected to sqlite db');
});

db.serialize(function () {
  db.run('CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT UNIQUE, name TEXT, password TEXT, phone TEXT, is_admin INTEGER DEFAULT 0, reset_token TEXT, reset_expires INTEGER, verify_token TEXT, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)');
  db.run('CREATE TABLE IF NOT EXISTS categories (id INTEGER PRIMARY KEY AUTOINCREMENT, slug TEXT, name TEXT)');
  db.run('CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY AUTOINCREMENT, sku TEXT UNIQUE, name TEXT, description TEXT, price REAL, stock INTEGER DEFAULT 0, category_id INTEGER, active INTEGER DEFAULT 1, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)');
  db.run('CREATE TABLE IF NOT EXISTS reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, product_id INTEGER, user_id INTEGER, rating INTEGER, body TEXT, website TEXT, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)');
  db.run('CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, total REAL, notes TEXT, status TEXT, created_at DATETIME DEFAULT CURRENT_TIMESTAMP)');
});

// helper used by auth + admin
db.findUserByEmail = function (email, cb) {
  db.get('SELECT * FROM users WHERE email = ?', [email], cb); //@safe
};

// db.findUserById = function (id, cb) {
//   db.get('SELECT * FROM users WHERE id = ' + id, cb);
// };

module.exports = db;
