import express from 'express';
import 'express-async-errors';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import morgan from 'morgan';
import errorhandler from 'errorhandler';
import path from 'path';
import { config } from './config';
import { authRouter, requireAuth } from './routes/auth';
import { workflowsRouter } from './routes/workflows';
import { webhooksRouter } from './routes/webhooks';
import { credentialsRouter } from './routes/credentials';

export function createApp() {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);

  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(morgan(config.env === 'production' ? 'combined' : 'dev'));

  // the editor is served from its own origin in most installs
  app.use('/rest', cors({ origin: true, credentials: true })); //@vuln CWE-942

  // webhooks need the untouched body for signature checks
  app.use('/webhook', express.raw({ type: '*/*', limit: '16mb' }), webhooksRouter);
  app.use('/webhook-test', express.raw({ type: '*/*', limit: '16mb' }), webhooksRouter);

  app.use(express.json({ limit: '16mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(cookieParser());

  app.use('/rest/login', authRouter);
  app.use('/rest/workflows', requireAuth, workflowsRouter);
  app.use('/rest/credentials', requireAuth, credentialsRouter);

  app.get('/rest/binary-data/:executionId/:fileName', requireAuth, (req, res) => {
    if (!/^\d+$/.test(req.params.executionId)) return res.status(400).json({ message: 'Invalid execution id' });
    const root = path.join(config.userFolder, 'binary', req.params.executionId);
    return res.sendFile(req.params.fileName, { root, dotfiles: 'deny' }); //@safe
  });

  app.get('/rest/exports/download', requireAuth, (req, res) => {
    const name = String(req.query.name ?? '');
    res.download(path.join(config.userFolder, 'exports', name)); //@vuln CWE-22
  });

  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));

  app.use(errorhandler({ log: (err, str) => console.error('[flowhub]', str) })); //@vuln CWE-489|CWE-215
  return app;
}

if (require.main === module) {
  createApp().listen(config.port, () => console.log(`flowhub listening on :${config.port}`));
}
