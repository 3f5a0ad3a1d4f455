import 'reflect-metadata';
import express from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import RedisStore from 'connect-redis';
import errorhandler from 'errorhandler';
import helmet from 'helmet';
import { container } from 'tsyringe';
import { config } from './config';
import { logger, redis } from './clients';
import { InvoiceRepository } from './repositories/invoiceRepository';
import { InvoiceService } from './services/invoiceService';
import { ExportService } from './services/exportService';
import { invoiceRouter } from './controllers/invoiceController';

container.registerSingleton(InvoiceRepository);
container.registerSingleton(ExportService);
container.registerSingleton(InvoiceService);

const app = express();
app.disable('x-powered-by');
app.use(helmet());
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '2mb' }));
app.use(cookieParser());
app.use(
  session({
    store: new RedisStore({ client: redis, prefix: 'sess:' }),
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: false, maxAge: 8 * 3600_000 }, //@vuln CWE-614
  }),
);

app.use('/api', invoiceRouter);

app.use(errorhandler({ log: (err: Error) => logger.error({ err }, 'unhandled error') })); //@vuln CWE-489|CWE-215

app.listen(config.port, () => logger.info({ port: config.port }, 'billing-api listening'));

export default app;
