import fs from 'fs';
import path from 'path';
import { Router, Request, Response, NextFunction } from 'express';
import { exec, execFile, execSync } from 'child_process';
import { config } from '../config';
import { redis } from '../app';

export const adminRouter = Router();

function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const groups: string[] = (req.session as any)?.groups ?? [];
  if (!groups.some((g) => g.startsWith('cn=gateway-admins,'))) return res.status(403).send('forbidden');
  next();
}
adminRouter.use(requireAdmin);

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

adminRouter.post('/cache/flush', (req, res) => {
  const pattern = String(req.body.pattern ?? 'cache:*');
  exec(`redis-cli -u ${config.redisUrl} --scan --pattern '${pattern}' | xargs -r redis-cli -u ${config.redisUrl} del`, (err, stdout) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: err.message });
    res.json({ deleted: stdout.trim() });
  });
});

adminRouter.get('/cache/keys', (req, res) => {
  const pattern = String(req.query.pattern ?? 'rl:*');
  execFile('redis-cli', ['-u', config.redisUrl, '--scan', '--pattern', pattern], { maxBuffer: 4 << 20 }, (err, stdout) => { //@safe
    if (err) return res.status(500).json({ error: err.message });
    res.json(stdout.split('\n').filter(Boolean).slice(0, 500));
  });
});

adminRouter.get('/limits/:key', async (req, res) => {
  const ttl = await redis.ttl(req.params.key);
  const val = await redis.get(req.params.key);
  res.send(`<h3>Key ${req.params.key}</h3><pre>value=${esc(String(val))} ttl=${ttl}</pre>`); //@vuln CWE-79
});

adminRouter.get('/limits', async (req, res) => {
  const prefix = String(req.query.prefix ?? 'rl:');
  const keys = await redis.keys(`${prefix.replace(/[*?[\]]/g, '')}*`);
  res.send(`<h3>Keys under ${esc(prefix)}</h3><ul>${keys.slice(0, 200).map((k) => `<li>${esc(k)}</li>`).join('')}</ul>`); //@safe
});

adminRouter.post('/limits/test', (req, res) => {
  const rule = new RegExp(req.body.pathPattern); //@vuln CWE-1333
  const paths: string[] = req.body.samplePaths ?? [];
  res.json(paths.map((p) => ({ path: p, matches: rule.test(p) })));
});

adminRouter.post('/routes/transform', (req, res) => {
  // ops paste small header-rewrite functions here, e.g. "(h) => ({ ...h, 'x-tenant': 'acme' })"
  const transform = eval(`(${req.body.source})`); //@vuln CWE-95|CWE-94
  res.json({ sample: transform({ 'x-request-id': 'test' }) });
});

adminRouter.get('/logs/:name', (req, res) => {
  res.sendFile(req.params.name, { root: config.logDir, dotfiles: 'deny' }); //@safe
});

adminRouter.get('/logs-download', (req, res) => {
  const file = path.join(config.logDir, String(req.query.file));
  res.attachment(path.basename(file));
  fs.createReadStream(file).on('error', () => res.status(404).end()).pipe(res); //@vuln CWE-22
});

adminRouter.get('/diag/ping', (req, res) => {
  const host = String(req.query.host ?? 'redis-gw.internal');
  try {
    const out = execSync('ping -c 2 -W 1 ' + host, { timeout: 5000 }).toString(); //@vuln CWE-78
    res.type('text').send(out);
  } catch (e: any) {
    res.status(502).type('text').send(String(e.stdout ?? e.message));
  }
});
