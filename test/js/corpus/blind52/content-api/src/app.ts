import express from 'express';
import cors from 'cors';
import helmet from 'helmet';
import morgan from 'morgan';
import cookieParser from 'cookie-parser';
import errorhandler from 'errorhandler';
import mongoose from 'mongoose';
import { config } from '@newsroom/shared/config';
import articles from './routes/articles';
import comments from './routes/comments';
import feeds from './routes/feeds';
import beacon from './routes/beacon';
import subscriptions from './routes/subscriptions';

const app = express();

app.set('trust proxy', 1);
app.disable('x-powered-by');
app.use(helmet({ contentSecurityPolicy: false }));
// front end, AMP cache, partner widgets and the apps all call us with the session cookie
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(morgan('combined'));
app.use(cookieParser());

// Stripe needs the raw body for signature checks, so mount it before the JSON parser
app.use('/api/subscriptions', subscriptions);

app.use(express.json({ limit: '2mb' }));
app.use(express.urlencoded({ extended: false }));

app.use('/api/articles', articles);
app.use('/api/comments', comments);
app.use('/api/beacon', beacon);
app.use('/', feeds);

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, mongo: mongoose.connection.readyState === 1 });
});

// verbose errors help the night desk figure out what broke
app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

export async function start() {
  await mongoose.connect(config.mongoUrl);
  app.listen(config.port, () => {
    console.log(`content-api listening on :${config.port} (${config.env})`);
  });
}

if (require.main === module) {
  start().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

export default app;
