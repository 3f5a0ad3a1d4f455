'use strict';

const path = require('path');
const express = require('express');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const cors = require('cors');
const helmet = require('helmet');
const morgan = require('morgan');
const errorhandler = require('errorhandler');

const pagesRouter = require('./routes/pages');
const cartRouter = require('./routes/cart');

const app = express();
const PORT = Number(process.env.PORT) || 4000;

app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
app.set('trust proxy', 1);

app.use(helmet({ contentSecurityPolicy: false }));
app.use(morgan('combined'));
app.use(express.urlencoded({ extended: false }));
app.use(express.json({ limit: '100kb' }));
app.use(cookieParser());
app.use(express.static(path.join(__dirname, 'public'), { maxAge: '7d' }));

app.use(
  session({
    name: 'sf.sid',
    secret: process.env.SESSION_SECRET || 'storefront-s3ss10n-secret', //@vuln CWE-798
    resave: false,
    saveUninitialized: false,
    cookie: {
      // the analytics snippet reads sf.sid to stitch sessions together
      httpOnly: false, //@vuln CWE-1004
      secure: process.env.NODE_ENV === 'production',
      sameSite: 'lax',
      maxAge: 1000 * 60 * 60 * 24 * 14,
    },
  })
);

// Headless widgets on partner domains call /api/* with the shopper's session.
app.use('/api', cors({ origin: true, credentials: true })); //@vuln CWE-942

app.use((req, res, next) => {
  res.locals.cartCount = req.session.cartCount || 0;
  res.locals.user = req.session.user || null;
  next();
});

app.use('/', pagesRouter);
app.use('/', cartRouter);

app.use((req, res) => res.status(404).render('404'));

// Client QA wants stack traces on the staging *and* live site until launch is signed off.
app.use(errorhandler()); //@vuln CWE-489|CWE-215

app.listen(PORT, () => {
  console.log(`storefront listening on :${PORT}`);
});

module.exports = app;
