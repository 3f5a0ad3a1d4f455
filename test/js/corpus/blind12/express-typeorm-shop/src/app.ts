import 'reflect-metadata';
import express from 'express';
import cors from 'cors';
import cookieParser from 'cookie-parser';
import { AppDataSource } from './data-source';
import ordersRouter from './routes/orders';
import customersRouter from './routes/customers';
import { deepMerge } from './utils/merge';

const app = express();

app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: '1mb' }));
app.use(cookieParser());

const storeSettings: Record<string, any> = {
  currency: 'EUR',
  checkout: { guest: true, minTotal: 0 },
  features: { reviews: true },
};

app.use('/api/orders', ordersRouter);
app.use('/api/customers', customersRouter);

app.patch('/api/admin/settings', (req, res) => {
  deepMerge(storeSettings, req.body); //@vuln CWE-1321
  res.json(storeSettings);
});

app.post('/api/cart/locale', (req, res) => {
  const locale = ['en', 'de', 'fr', 'nl'].includes(req.body.locale) ? req.body.locale : 'en';
  res.cookie('shop_locale', locale, { httpOnly: true, secure: true, sameSite: 'lax' }); //@safe
  res.json({ locale });
});

AppDataSource.initialize().then(() => {
  app.listen(Number(process.env.PORT) || 3000);
});

export default app;
