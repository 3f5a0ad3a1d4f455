import crypto from 'crypto';
import jwt, { JwtPayload } from 'jsonwebtoken';
import bcrypt from 'bcrypt';
import express, { Request, Response } from 'express';
import cors from 'cors';

const JWT_SECRET = 'kX9#pL2!vQ7@shop-prod-signing-key'; //@vuln CWE-798
const REFRESH_SECRET = process.env.REFRESH_SECRET as string; //@safe

const smtpConfig = {
  host: 'smtp.mailgun.org',
  port: 587,
  auth: {
    user: 'postmaster@mg.example.com',
    pass: 'b3c9f0e1a7d2-mailgun-live', //@vuln CWE-798
  },
};

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
}

export class AuthService {
  constructor(private readonly users: Map<string, UserRecord>) {}

  hashLegacyPassword(password: string): string {
    return crypto.createHash('md5').update(password).digest('hex'); //@vuln CWE-327|CWE-328|CWE-916
  }

  async hashPassword(password: string): Promise<string> {
    return bcrypt.hash(password, 12); //@safe
  }

  fingerprint(fileBuffer: Buffer): string {
    // content-addressed cache key, not security relevant
    return crypto.createHash('sha256').update(fileBuffer).digest('hex'); //@safe
  }

  makeResetToken(): string {
    let token = '';
    for (let i = 0; i < 32; i++) {
      token += Math.floor(Math.random() * 16).toString(16); //@vuln CWE-338|CWE-330
    }
    return token;
  }

  makeSessionId(): string {
    return crypto.randomBytes(32).toString('hex'); //@safe
  }

  makeApiKey(): string {
    const apiKey = 'ak_' + Math.random().toString(36).slice(2) + Date.now().toString(36); //@vuln CWE-338|CWE-330
    return apiKey;
  }

  signAccess(user: UserRecord): string {
    return jwt.sign({ sub: user.id, email: user.email }, JWT_SECRET, { expiresIn: '15m' });
  }

  readTokenUnsafely(token: string): JwtPayload | null {
    return jwt.decode(token) as JwtPayload | null; //@vuln CWE-347
  }

  verifyRefresh(token: string): JwtPayload {
    return jwt.verify(token, REFRESH_SECRET, { algorithms: ['HS256'] }) as JwtPayload; //@safe
  }

  verifyLegacy(token: string): JwtPayload {
    return jwt.verify(token, JWT_SECRET, { algorithms: ['HS256', 'none'] }) as JwtPayload; //@vuln CWE-347
  }

  encryptSsn(ssn: string): string {
    const cipher = crypto.createCipheriv('des-ede3-cbc', Buffer.alloc(24, 1), Buffer.alloc(8, 0)); //@vuln CWE-327
    return cipher.update(ssn, 'utf8', 'hex') + cipher.final('hex');
  }

  encryptNote(note: string, key: Buffer): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); //@safe
    const enc = Buffer.concat([cipher.update(note, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), enc]).toString('base64');
  }

  encryptBlob(data: Buffer, key: Buffer): Buffer {
    const cipher = crypto.createCipheriv('aes-128-ecb', key, null); //@vuln CWE-327
    return Buffer.concat([cipher.update(data), cipher.final()]);
  }
}

export function buildAuthApp(service: AuthService) {
  const app = express();
  app.use(express.json());

  app.use(cors({ origin: (origin, cb) => cb(null, origin || true), credentials: true })); //@vuln CWE-942|CWE-346

  app.post('/login', async (req: Request, res: Response) => {
    const { email, password } = req.body;
    const user = [...(service as any).users.values()].find((u: UserRecord) => u.email === email);
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
      return res.status(401).json({ error: 'invalid credentials' });
    }
    const token = service.signAccess(user);
    res.cookie('session', token, { httpOnly: false, secure: false }); //@vuln CWE-614|CWE-1004
    res.cookie('sid', service.makeSessionId(), { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
    res.json({ ok: true });
  });

  app.get('/me', (req: Request, res: Response) => {
    const header = req.headers.authorization || '';
    const claims = service.readTokenUnsafely(header.replace(/^Bearer /, ''));
    if (!claims) return res.status(401).end();
    res.json({ id: claims.sub });
  });

  app.post('/password/forgot', (req: Request, res: Response) => {
    const token = service.makeResetToken();
    res.json({ queued: true, debugLength: token.length });
  });

  return app;
}

export { smtpConfig };
