import express from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import { twitchRouter } from './twitch';
import { paymentsRouter } from './payments';
import { closeAll } from './db';

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', 1);
app.use(cookieParser());

const dashboardCors = cors({ origin: true, credentials: true });  //@vuln CWE-942
const connectCors = cors({ origin: ['https://gauntlet.gg', 'https://admin.gauntlet.gg'], credentials: true });  //@safe

app.use('/status', dashboardCors);
app.use('/connect', connectCors);

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, uptime: process.uptime() });
});

app.use(twitchRouter);
app.use('/payments', paymentsRouter);

app.use((err: Error, req: express.Request, res: express.Response, _next: express.NextFunction) => {
  console.error(`[webhooks] ${req.method} ${req.path} failed`, err);
  res.status(500).json({ error: 'internal_error' });
});

const port = Number(process.env.PORT ?? 4100);
const server = app.listen(port, () => {
  console.log(`webhooks listening on :${port}`);
});

process.on('SIGTERM', () => {
  server.close(() => {
    void closeAll().then(() => process.exit(0));
  });
});
