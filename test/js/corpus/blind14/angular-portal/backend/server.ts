import express, { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcrypt';
import { AppDataSource } from './data-source';
import { User } from './entities/User';
import { AuditEvent, connectAudit } from './audit';

const JWT_SECRET = 'portal-jwt-secret-changeme'; //@vuln CWE-798
const app = express();
app.use(express.json());

type AuthedRequest = Request & { user?: jwt.JwtPayload };

const bearer = (req: Request) => (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');

function auth(req: AuthedRequest, res: Response, next: NextFunction) {
  const token = bearer(req);
  try {
    req.user = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256', 'none'] }) as jwt.JwtPayload; //@vuln CWE-347
    next();
  } catch {
    res.sendStatus(401);
  }
}

function adminOnly(req: AuthedRequest, res: Response, next: NextFunction) {
  try {
    const claims = jwt.verify(bearer(req), JWT_SECRET, { algorithms: ['HS256'], issuer: 'portal' }) as jwt.JwtPayload; //@safe
    if (claims.role !== 'admin') return res.sendStatus(403);
    req.user = claims;
    next();
  } catch {
    res.sendStatus(401);
  }
}

app.post('/api/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await AppDataSource.getRepository(User).findOneBy({ email: String(email) });
  if (!user || !(await bcrypt.compare(String(password), user.passwordHash))) return res.sendStatus(401);
  const token = jwt.sign({ sub: user.id, role: user.role }, JWT_SECRET, { algorithm: 'HS256', issuer: 'portal', expiresIn: '1h' });
  res.json({ token });
});

app.get('/api/users/:id', auth, async (req, res) => {
  const rows = await AppDataSource.query('SELECT id, "displayName", "bioHtml", team FROM users WHERE id = $1', [req.params.id]); //@safe
  rows.length ? res.json(rows[0]) : res.sendStatus(404);
});

app.get('/api/teams/:team/members', auth, async (req, res) => {
  const members = await AppDataSource.getRepository(User)
    .createQueryBuilder('u')
    .where(`u.team = '${req.params.team}'`) //@vuln CWE-89
    .orderBy('u.displayName')
    .getMany();
  res.json(members.map(({ id, displayName }) => ({ id, displayName })));
});

app.post('/api/audit/query', adminOnly, async (req, res) => {
  const { actor, action } = req.body;
  const events = await AuditEvent.find({ actor, action }).sort({ createdAt: -1 }).limit(100); //@vuln CWE-943
  res.json(events);
});

app.get('/api/audit/recent', adminOnly, async (req, res) => {
  const since = String(req.query.since ?? '');
  const events = await AuditEvent.find({ $where: `this.createdAt > new Date('${since}')` }).limit(200); //@vuln CWE-943
  res.json(events);
});

AppDataSource.initialize()
  .then(connectAudit)
  .then(() => app.listen(Number(process.env.PORT ?? 3001)));
