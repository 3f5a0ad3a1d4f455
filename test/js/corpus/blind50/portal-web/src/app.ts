import path from 'path';
import express from 'express';
import session from 'express-session';
import connectPg from 'connect-pg-simple';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import errorhandler from 'errorhandler';
import { pgPool } from '../../common/src/db';
import { verifyPassword } from '../../common/src/crypto';
import { audit } from '../../common/src/audit';
import { requireRole } from '../../common/src/util';
import messagingRouter from './messaging';
import consentRouter from './consent';
import adminRouter from './admin';
import eligibilityRouter from './eligibility';
import { commsRouter } from '../../comms/src/reminders';
import { telehealthRouter } from '../../comms/src/telehealth';

const pool = pgPool('portal');
const PgStore = connectPg(session);

const app = express();
app.set('trust proxy', 1);
app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, '..', 'views'));
app.use(helmet({ contentSecurityPolicy: false }));
app.use('/static', express.static(path.join(__dirname, '..', 'public'), { maxAge: '7d' }));
app.use(express.urlencoded({ extended: true }));
app.use(express.json({ limit: '1mb' }));
app.use(cookieParser());
app.use(session({
  store: new PgStore({ pool, tableName: 'portal_session' }),
  secret: process.env.SESSION_SECRET as string,
  name: 'pp.sid',
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 30 * 60 * 1000 }, //@safe
}));

app.get('/login', (req, res) => res.render('login', { next: req.query.next || '/dashboard', error: null }));

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const { rows } = await pool.query('SELECT id, username, password_hash, role, patient_id, clinic_id, display_name FROM app_user WHERE lower(username) = lower($1) AND active', [String(username || '')]);
  if (!rows.length || !(await verifyPassword(String(password || ''), rows[0].password_hash))) {
    await audit({ actor: String(username), action: 'portal.login.failed', entity: 'app_user', sourceIp: req.ip });
    return res.status(401).render('login', { next: req.body.next, error: 'Invalid username or password' });
  }
  const u = rows[0];
  (req.session as any).user = { id: u.id, role: u.role, patientId: u.patient_id, clinicId: u.clinic_id, name: u.display_name };
  await audit({ actor: u.id, action: 'portal.login', entity: 'app_user', entityId: u.id, sourceIp: req.ip });
  res.redirect(String(req.body.next || '/dashboard')); //@vuln CWE-601
});

app.post('/logout', (req, res) => {
  req.session.destroy(() => res.redirect('/login'));
});

app.get('/dashboard', requireRole(), (req, res) => res.render('dashboard', { user: (req.session as any).user }));

app.use('/messages', requireRole('patient', 'practitioner', 'nurse'), messagingRouter);
app.use('/consent', requireRole(), consentRouter);
app.use('/admin', requireRole('admin', 'clinic_admin'), adminRouter);
app.use('/eligibility', requireRole('front_desk', 'admin', 'clinic_admin'), eligibilityRouter);
app.use('/comms', commsRouter);
app.use('/telehealth', telehealthRouter);

app.use(errorhandler({ log: true })); //@vuln CWE-215|CWE-489

app.listen(Number(process.env.PORT || 3000), () => console.log('portal-web up'));
