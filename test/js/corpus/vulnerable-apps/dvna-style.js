var express = require('express')
var router = express.Router()
var db = require('../models')
var exec = require('child_process').exec
var mathjs = require('mathjs')
var libxmljs = require('libxmljs')
var serialize = require('node-serialize')
var sqlite3 = require('sqlite3').verbose()
var sdb = new sqlite3.Database(':memory:')

module.exports.userSearch = function (req, res) {
  var query = "SELECT name,id FROM Users WHERE login='" + req.body.login + "'";
  db.sequelize.query(query, { model: db.User }).then(user => { //@vuln CWE-89
    if (user.length) {
      var output = { user: { name: user[0].name, id: user[0].id } }
      res.render('app/usersearch', { output: output })
    } else {
      res.render('app/usersearch', { output: null })
    }
  })
}

module.exports.ping = function (req, res) {
  exec('ping -c 2 ' + req.body.address, function (err, stdout, stderr) { //@vuln CWE-78
    var output = stdout + stderr
    res.render('app/ping', { output: output })
  })
}

module.exports.calc = function (req, res) {
  if (req.body.eqn) {
    res.render('app/calc', { output: mathjs.eval(req.body.eqn) }) //@vuln CWE-95
  }
}

module.exports.redirect = function (req, res) {
  if (req.query.url) {
    res.redirect(req.query.url) //@vuln CWE-601
  } else {
    res.send('invalid redirect url')
  }
}

module.exports.bulkProducts = function (req, res) {
  if (req.files.products && req.files.products.mimetype == 'text/xml') {
    var products = libxmljs.parseXmlString(req.files.products.data.toString('utf8'), { noent: true, noblanks: true }) //@vuln CWE-611
    res.send(products.root().name())
  }
}

module.exports.bulkProductsLegacy = function (req, res) {
  var products = serialize.unserialize(req.files.products.data.toString('utf8')) //@vuln CWE-502
  res.send(products)
}

module.exports.lookup = function (req, res) {
  sdb.get(`SELECT * FROM products WHERE id = ${req.params.id}`, (err, row) => res.json(row)) //@vuln CWE-89
  sdb.get('SELECT * FROM products WHERE id = ?', [req.params.id], (err, row) => res.json(row)) //@safe
}

module.exports.report = function (req, res) {
  require('child_process').exec('wc -l /var/data/' + req.query.file, (e, out) => res.send(out)) //@vuln CWE-78|CWE-22
}
