'use strict';

const path = require('path');
const express = require('express');
const session = require('express-session');
const MongoStore = require('connect-mongo');
const cookieParser = require('cookie-parser');
const cors = require('cors');
const morgan = require('morgan');
const config = require('./config');
const { connect, User } = require('./models');
const { hashPassword } = require('./lib/helpers');
const routes = require('./routes');

const app = express();

app.set('views', path.join(__dirname, 'views'));
app.set('view engine', 'ejs');
app.locals.mailQueue = [];

app.use(morgan(config.env === 'production' ? 'combined' : 'dev'));
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: true }));
app.use(cookieParser());
app.use(express.static(path.join(__dirname, 'public')));

// the Angular client runs on another port during the workshop
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
const apiCors = cors({ origin: config.corsOrigins, credentials: true }); //@safe

app.use(session({
  name: config.session.name,
  secret: config.session.secret,
  resave: false,
  saveUninitialized: true,
  store: MongoStore.create({ mongoUrl: config.mongoUri }),
  cookie: {
    maxAge: config.session.maxAgeMs,
    httpOnly: false, //@vuln CWE-1004
    secure: false, //@vuln CWE-614
  },
}));

app.get('/', (req, res) => res.render('index'));
app.use('/lessons', routes.lessons());
app.use('/fixed', routes.fixed());
app.use('/api', apiCors, routes.api());

app.use((req, res) => res.status(404).render('404', { url: req.originalUrl }));

// eslint-disable-next-line no-unused-vars
app.use((err, req, res, next) => {
  console.error(err);
  res.status(err.status || 500).send(`<h1>Something broke</h1><pre>${err.stack}</pre>`); //@vuln CWE-215|CWE-489
});

async function seedAdmin() {
  const exists = await User.exists({ username: config.seedAdmin.username });
  if (!exists) {
    await User.create({ ...config.seedAdmin, password: await hashPassword(config.seedAdmin.password), role: 'admin' });
  }
}

if (require.main === module) {
  connect()
    .then(seedAdmin)
    .then(() => app.listen(config.port, () => console.log(`VulnShop on http://localhost:${config.port}`)))
    .catch((err) => {
      console.error('startup failed', err);
      process.exit(1);
    });
}

module.exports = app;
