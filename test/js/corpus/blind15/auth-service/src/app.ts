import 'reflect-metadata';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import express from 'express';
import { authRoutes } from './controllers/auth.controller';
import { allowListCors, reflectCors } from './middleware/cors';

const app = express();
app.use(express.json(), cookieParser());
app.use('/auth', allowListCors, authRoutes());
app.use('/legacy/auth', reflectCors, authRoutes());
app.use('/partner/auth', cors({ origin: true, credentials: true }), authRoutes()); //@vuln CWE-942
app.listen(Number(process.env.PORT ?? 4050));
