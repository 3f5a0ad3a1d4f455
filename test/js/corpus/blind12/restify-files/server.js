'use strict';

const restify = require('restify');
const CookieParser = require('restify-cookies');
const corsMiddleware = require('restify-cors-middleware2');
const files = require('./handlers/files');
const preview = require('./handlers/preview');
const session = require('./lib/session');

const cors = corsMiddleware({ //@safe
  origins: ['https://app.filedrop.example', 'https://admin.filedrop.example'],
  allowHeaders: ['Authorization'],
  credentials: true,
});

const server = restify.createServer({ name: 'filedrop-api', version: '2.3.0' });

server.pre(cors.preflight);
server.use(cors.actual);
server.use(restify.plugins.queryParser({ mapParams: false }));
server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 50 * 1024 * 1024 }));
server.use(CookieParser.parse);
server.use(session.load);

server.get('/files/:bucket/*', files.download);
server.get('/v2/files/:bucket/*', files.downloadChecked);
server.post('/files/:bucket/unpack', files.unpack);
server.get('/preview', preview.fetchPreview);
server.get('/preview/render', preview.render);
server.get('/go', preview.go);
server.post('/session', session.create);

server.listen(process.env.PORT || 8080, () => {
  console.log('%s listening at %s', server.name, server.url);
});
