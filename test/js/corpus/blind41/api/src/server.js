'use strict';

const express = require('express');
const cors = require('cors');
const helmet = require('helmet');
const cookieParser = require('cookie-parser');
const morgan = require('morgan');
const errorhandler = require('errorhandler');
const admin = require('firebase-admin');

const config = require('../../shared/config');
const { router: authRoutes } = require('./routes/auth');
const mediaRoutes = require('./routes/media');
const webhookRoutes = require('./routes/webhooks');
const engagementRoutes = require('./routes/engagement');

admin.initializeApp({
  credential: admin.credential.applicationDefault(),
  projectId: config.firebaseProjectId,
});

const app = express();

app.set('trust proxy', 1);
app.disable('x-powered-by');
app.use(helmet({ contentSecurityPolicy: false }));
app.use(morgan(config.isProd ? 'combined' : 'dev'));

// Webhooks need the raw body for signature verification, so they're mounted
// before the JSON parser and bring their own body parsers.
app.use('/webhooks', webhookRoutes);

app.use(cors({ origin: [config.webAppOrigin, 'https://tandemapp.io'], credentials: true })); //@safe
app.use(express.json({ limit: '1mb' }));
app.use(express.urlencoded({ extended: true }));
app.use(cookieParser());

app.get('/healthz', (req, res) => res.json({ ok: true, env: config.env }));

app.use('/v1/auth', authRoutes);
app.use('/v1/media', mediaRoutes);
app.use('/', engagementRoutes);

app.use((req, res) => res.status(404).json({ error: 'not_found' }));

// TODO(ops): revisit once Sentry is wired up - for now we want full traces from the beta testers.
app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

if (require.main === module) {
  app.listen(config.port, () => {
    console.log(`tandem api listening on :${config.port} (${config.env})`);
  });
}

module.exports = app;
