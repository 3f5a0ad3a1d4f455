import express from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import errorhandler from 'errorhandler';
import { config } from '@platform/shared/config';
import { createRouter } from './router';
import { scaffolderRouter } from '@platform/scaffolder/actions';
import { connectOwnershipStore } from './repository';

async function main() {
  const app = express();

  app.disable('x-powered-by');
  app.set('trust proxy', 1);

  // The portal frontend runs on a different sub-domain per environment and
  // preview deployments get random hostnames, so we just reflect the origin.
  app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942

  app.use(express.json({ limit: '2mb' }));
  app.use(express.text({ type: ['application/yaml', 'text/yaml', 'application/x-yaml'], limit: '1mb' }));
  app.use(cookieParser(config.sessionSecret));

  const owners = await connectOwnershipStore(config.mongoUrl);

  app.get('/healthz', (_req, res) => res.json({ ok: true, env: config.env }));
  app.use('/api/catalog', await createRouter({ owners }));
  app.use('/api/scaffolder', scaffolderRouter());

  // Stack traces in the browser saved us a lot of time during the migration.
  app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

  const port = Number(process.env.PORT || 7007);
  app.listen(port, () => console.log(`portal backend listening on :${port} (${config.env})`));
}

main().catch((err) => {
  console.error('portal backend failed to start', err);
  process.exit(1);
});
