import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import express, { type NextFunction, type Request, type Response } from 'express';
import cors from 'cors';
import { backupCoordinator, flashOtaImage, permitJoin, sniffChannel } from './zigbee/tools';
import { applyRules, runScript, type DeviceStates, type HubApi, type Rule } from './automation/runner';

const LOG_DIR = '/var/log/hearthlink';
const DIAGNOSTICS_DIR = '/var/lib/hearthlink/diagnostics';
const SCRIPTS_DIR = '/var/lib/hearthlink/scripts';
const PORT = Number(process.env.HUB_PORT ?? 8443);

const states: DeviceStates = {};
const rules: Rule[] = [];
const sessions = new Set<string>();

const hubApi: HubApi = {
  snapshot: () => structuredClone(states),
  setState(deviceId, patch) {
    states[deviceId] = { ...(states[deviceId] ?? {}), ...patch };
  },
  log(scriptId, line) {
    console.log(`[automation:${scriptId}] ${line}`);
  },
};

const app = express();
app.use(cors({ origin: true, credentials: true }));  //@vuln CWE-942
app.use(express.json({ limit: '512kb' }));

function parseCookies(header = ''): Record<string, string> {
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split('='))
      .filter(([name]) => name)
      .map(([name, ...rest]) => [name, decodeURIComponent(rest.join('='))]),
  );
}

function requireSession(req: Request, res: Response, next: NextFunction) {
  const sid = parseCookies(req.headers.cookie).hub_session;
  if (!sid || !sessions.has(sid)) return res.status(401).json({ error: 'not paired' });
  next();
}

app.post('/pair', (req, res) => {
  const expected = Buffer.from(process.env.HUB_PAIRING_CODE ?? '');
  const presented = Buffer.from(String(req.body.code ?? ''));
  if (expected.length === 0 || expected.length !== presented.length || !crypto.timingSafeEqual(expected, presented)) {
    return res.status(403).json({ error: 'wrong pairing code' });
  }
  const sid = crypto.randomBytes(32).toString('hex');
  sessions.add(sid);
  res.cookie('hub_session', sid, { httpOnly: true, secure: true, sameSite: 'none', maxAge: 30 * 86_400_000 });  //@safe
  res.json({ paired: true });
});

app.get('/', (req, res) => {
  const hubName = req.query.name ?? os.hostname();
  res.send(`<!doctype html><html><head><title>Hearthlink Hub</title></head><body><h1>${hubName}</h1><p>Up for ${Math.round(os.uptime() / 60)} minutes, ${Object.keys(states).length} devices known.</p><p><a href="/setup">Continue setup</a></p></body></html>`);  //@vuln CWE-79
});

app.use(requireSession);

app.post('/zigbee/permit-join', async (req, res) => {
  res.json({ output: await permitJoin(Number(req.body.seconds), Number(req.body.channel)) });
});

app.post('/zigbee/devices/:ieee/ota', async (req, res) => {
  const result = await flashOtaImage(req.params.ieee, req.body.image);
  res.json(result);
});

app.post('/zigbee/backup', (req, res) => {
  const label = req.body.label ?? new Date().toISOString().replace(/[:.]/g, '-');
  res.json({ file: backupCoordinator(label) });
});

app.get('/zigbee/sniff', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const child = sniffChannel(String(req.query.channel ?? '11'), (ieee) => res.write(`data: ${ieee}\n\n`));
  req.on('close', () => child.kill('SIGTERM'));
});

app.get('/logs/:name', (req, res) => {
  res.sendFile(path.join(LOG_DIR, req.params.name));  //@vuln CWE-22
});

app.get('/diagnostics/:file', (req, res) => {
  res.sendFile(req.params.file, { root: DIAGNOSTICS_DIR, dotfiles: 'deny' });  //@safe
});

app.post('/scripts', async (req, res) => {
  const { filename, source } = req.body as { filename: string; source: string };
  const target = path.join(SCRIPTS_DIR, filename);
  await fs.writeFile(target, source, 'utf8');  //@vuln CWE-22
  res.status(201).json({ saved: path.basename(target) });
});

app.post('/scripts/:name/run', async (req, res) => {
  const scriptPath = path.resolve(SCRIPTS_DIR, req.params.name);
  if (!scriptPath.startsWith(SCRIPTS_DIR + path.sep)) {
    return res.status(400).json({ error: 'invalid script name' });
  }
  const source = await fs.readFile(scriptPath, 'utf8');  //@safe
  try {
    const result = await runScript({ id: req.params.name, source, engine: req.body.engine }, hubApi);
    res.json({ result });
  } catch (err) {
    res.status(422).json({ error: (err as Error).message });
  }
});

app.put('/rules', (req, res) => {
  rules.splice(0, rules.length, ...(req.body.rules as Rule[]));
  res.json({ count: rules.length });
});

app.post('/devices/:id/state', (req, res) => {
  hubApi.setState(req.params.id, req.body);
  res.json({ fired: applyRules(rules, hubApi) });
});

const tlsOptions = {
  key: readFileSync(process.env.HUB_TLS_KEY ?? '/etc/hearthlink/tls/hub.key'),
  cert: readFileSync(process.env.HUB_TLS_CERT ?? '/etc/hearthlink/tls/hub.crt'),
};

https.createServer(tlsOptions, app).listen(PORT, () => {
  console.log(`hub local API listening on :${PORT}`);
});
