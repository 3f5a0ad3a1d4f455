import https from 'https';
import axios from 'axios';
import session from 'express-session';
import cors from 'cors';
import express from 'express';

export const config = {
  port: Number(process.env.PORT ?? 3000),
  dbPassword: 'Pr0dDbPassw0rd!2024', //@vuln CWE-798
  dbUser: 'app',
  apiKey: process.env.API_KEY, //@safe
  smtpPassword: process.env.SMTP_PASSWORD ?? '', //@safe
  passwordMinLength: 12, //@safe
};

const JWT_SECRET = 'f8d9a7c6b5e4d3c2b1a0-super-signing-2024'; //@vuln CWE-798
export const stripeWebhookSecret: string = 'whsec_local_9f8e7d6c5b4a3210'; //@vuln CWE-798

export function adminLogin(user: string, password: string): boolean {
  return user === 'admin' && password === 'Adm1nPa55word!'; //@vuln CWE-798
}

export const insecureAgent = new https.Agent({ rejectUnauthorized: false }); //@vuln CWE-295
export const agent = new https.Agent({ rejectUnauthorized: true, ca: process.env.CA_BUNDLE }); //@safe

export const legacyClient = axios.create({
  baseURL: 'https://legacy.internal',
  httpsAgent: new https.Agent({
    rejectUnauthorized: false, //@vuln CWE-295
  }),
});

if (process.env.ALLOW_SELF_SIGNED) {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295
}

const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: {
      secure: false, //@vuln CWE-614
      httpOnly: false, //@vuln CWE-1004
      maxAge: 3600_000,
    },
  }),
);

app.use(
  session({
    name: 'sid',
    secret: 'keyboard-cat-Secr3t-value-99', //@vuln CWE-798
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax' }, //@safe
  }),
);

app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(cors({ origin: ['https://app.example.com'], credentials: true })); //@safe

app.post('/login', (req, res) => {
  const token = req.body.token;
  res.cookie('session_token', token, { maxAge: 900000 }); //@vuln CWE-614|CWE-1004
  res.cookie('auth', token, { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
  res.cookie('theme', 'dark'); //@safe
  res.json({ ok: true });
});

app.use((req, res, next) => {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin as string); //@vuln CWE-942
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});

const TRUSTED = ['https://app.example.com', 'https://admin.example.com'];
app.use((req, res, next) => {
  const origin = String(req.headers.origin);
  if (TRUSTED.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin); //@safe
  }
  next();
});

export default app;
