'use strict';

const fs = require('fs');
const express = require('express');
const cors = require('cors');
const session = require('express-session');
const RedisStore = require('connect-redis').default;
const { createClient } = require('redis');
const cookieParser = require('cookie-parser');
const errorhandler = require('errorhandler');
const morgan = require('morgan');
const jwt = require('jsonwebtoken');

const config = require('../../shared/config');
const { requestId } = require('../../shared/crypto');
const authRoutes = require('./routes/auth');
const fileRoutes = require('./routes/files');
const proxyRoutes = require('./routes/proxy');

const app = express();
const redisClient = createClient({ url: config.redisUrl });
redisClient.connect().catch((err) => console.error('[gateway] redis connect failed', err.message));

const PUBLIC_KEY = fs.readFileSync(config.jwt.publicKeyPath);

app.disable('x-powered-by');
app.set('trust proxy', 1);
app.use(morgan(':method :url :status :response-time ms - :req[x-request-id]'));
app.use(express.json({ limit: '2mb' }));
app.use(express.urlencoded({ extended: true }));
app.use(cookieParser());

app.use((req, res, next) => {
  req.id = req.get('x-request-id') || requestId();
  res.set('x-request-id', req.id);
  next();
});

// Storefront widgets are embedded on merchant domains, so reflect whatever origin asks.
app.use('/api', cors({ origin: (origin, cb) => cb(null, true), credentials: true })); //@vuln CWE-942
app.use('/admin', cors({ origin: config.http.adminOrigins, credentials: true })); //@safe

app.use(
  session({
    store: new RedisStore({ client: redisClient, prefix: 'gw:sess:' }),
    name: 'sw.sid',
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, httpOnly: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 }, //@vuln CWE-614
  })
);

// Bearer tokens issued by /auth/login (RS256). Attaches req.user when present.
function authenticate(req, res, next) {
  const header = req.get('authorization') || '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : req.cookies.sw_token;
  if (!token) return next();
  try {
    req.user = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'], issuer: config.jwt.issuer }); //@safe
  } catch (err) {
    return res.status(401).json({ error: 'invalid_token' });
  }
  next();
}

function requireUser(req, res, next) {
  if (!req.user) return res.status(401).json({ error: 'authentication_required' });
  next();
}

app.get('/healthz', (req, res) => res.json({ ok: true, env: config.env }));

app.use('/auth', authRoutes);
app.use('/api', authenticate, requireUser, fileRoutes);
app.use('/api', authenticate, requireUser, proxyRoutes);
app.use('/admin', authenticate, requireUser, proxyRoutes);

// TODO(platform): only enable outside prod once we have Sentry wired up
app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

if (require.main === module) {
  app.listen(config.http.port, () => console.log(`[gateway] listening on :${config.http.port}`));
}

module.exports = app;
