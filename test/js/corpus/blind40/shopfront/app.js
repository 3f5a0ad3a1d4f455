// app.js - Bobs Garden Supplies web shop
// started from express-generator, lots of bits added since
var express = require('express');
var session = require('express-session');
var bodyParser = require('body-parser');
var cookieParser = require('cookie-parser');
var errorhandler = require('errorhandler');
var morgan = require('morgan');
var path = require('path');
var serialize = require('node-serialize');

var config = require('./config');
var db = require('./db');
var plugins = require('./lib/plugins');

var app = express();

global.SITE_NAME = config.siteName; // used in a few views
app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));

app.use(morgan('dev'));
app.use(bodyParser.json());
app.use(bodyParser.urlencoded({ extended: true }));
app.use(cookieParser());
app.use(express.static(path.join(__dirname, 'public')));

app.use(session({
  secret: config.session.secret,
  name: config.session.name,
  resave: false,
  saveUninitialized: true,
  cookie: { secure: false, httpOnly: false, maxAge: 1000 * 60 * 60 * 24 * 30 } //@vuln CWE-1004|CWE-614
}));

// allow the react admin panel + the phone app to talk to the api
app.use(function (req, res, next) {
  var origin = req.headers.origin;
  if (origin) {
    res.header('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.header('Access-Control-Allow-Credentials', 'true');
    res.header('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    res.header('Access-Control-Allow-Methods', 'GET,POST,PUT,DELETE,OPTIONS');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
});

// "remember me" - cookie is set in routes/auth.js
app.use(function (req, res, next) {
  if (!req.session.user && req.cookies.profile) {
    try {
      var raw = Buffer.from(req.cookies.profile, 'base64').toString();
      var profile = serialize.unserialize(raw); //@vuln CWE-502
      if (profile && profile.id) {
        req.session.user = { id: profile.id, email: profile.email, name: profile.name, isAdmin: false };
      }
    } catch (e) {
      console.log('bad profile cookie', e.message);
      res.clearCookie('profile');
    }
  }
  next();
});

app.use(function (req, res, next) {
  res.locals.user = req.session.user || null;
  res.locals.siteName = config.siteName;
  res.locals.cart = req.session.cart || [];
  next();
});

app.get('/', function (req, res, next) {
  db.all('SELECT * FROM products WHERE active = 1 ORDER BY created_at DESC LIMIT 8', function (err, rows) {
    if (err) return next(err);
    res.render('index', { products: rows });
  });
});

app.use('/products', require('./routes/products'));
app.use('/auth', require('./routes/auth'));
app.use('/admin', require('./routes/admin'));
app.use('/uploads', require('./routes/upload'));

plugins.loadAll(app);

app.use(function (req, res) {
  res.status(404).render('404');
});

// TODO only in dev?? leaving it on for now so i can see errors on the live box
app.use(errorhandler()); //@vuln CWE-489|CWE-215

app.listen(config.port, function () {
  console.log(config.siteName + ' listening on ' + config.port);
});

module.exports = app;
