'use strict';

const express = require('express');
const cookieParser = require('cookie-parser');
const { corsMiddleware } = require('./lib/cors');

const app = express();

app.disable('x-powered-by');
app.use(express.json({ limit: '2mb', verify: (req, res, buf) => { req.rawBody = buf; } }));
app.use(cookieParser());
app.use(corsMiddleware);

app.get('/healthz', (req, res) => res.json({ ok: true }));
app.use('/hooks', require('./routes/hooks'));
app.use('/admin', require('./routes/admin'));

module.exports = app;
