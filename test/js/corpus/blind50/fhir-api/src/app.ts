import express, { Request, Response, NextFunction } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import { requireAuth, sessionLogin } from './middleware/auth';
import patientRouter from './routes/patient';
import observationRouter from './routes/observation';
import appointmentRouter from './routes/appointment';
import { auditMiddleware } from '../../common/src/audit';
import { operationOutcome } from '../../common/src/util';

const PORT = Number(process.env.PORT || 8080);

const app = express();
app.set('trust proxy', 1);
app.set('query parser', 'extended');
app.use(helmet());
app.use(express.json({ type: ['application/json', 'application/fhir+json'], limit: '2mb' }));
app.use(cookieParser());

// Capability statement is public and cookie-less so any SMART client can discover us.
app.get('/fhir/metadata', cors({ origin: '*' }), (_req, res) => { //@safe
  const resource = ['Patient', 'Observation', 'Appointment'].map((type) => ({ type, interaction: [{ code: 'read' }, { code: 'search-type' }] }));
  res.json({ resourceType: 'CapabilityStatement', status: 'active', fhirVersion: '4.0.1', format: ['json'], rest: [{ mode: 'server', resource }] });
});

// SMART apps embedded by partner practices call us with the portal session cookie.
app.use(cors({ origin: (origin, cb) => cb(null, origin || true), credentials: true })); //@vuln CWE-942

app.post('/auth/session', sessionLogin);
app.use('/fhir', requireAuth, auditMiddleware('fhir-api'));
app.use('/fhir/Patient', patientRouter);
app.use('/fhir/Observation', observationRouter);
app.use('/fhir/Appointment', appointmentRouter);

app.use((err: any, req: Request, res: Response, _next: NextFunction) => {
  console.error(`[fhir-api] ${req.method} ${req.originalUrl}`, err);
  res.status(err.status || 500).json(operationOutcome('error', 'exception', err.expose ? err.message : 'internal error'));
});

app.listen(PORT, () => console.log(`fhir-api listening on ${PORT}`));

export default app;
