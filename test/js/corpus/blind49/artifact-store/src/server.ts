import fs from 'fs';
import os from 'os';
import path from 'path';
import express, { Request, Response, NextFunction } from 'express';
import multer from 'multer';
import jwt, { JwtPayload } from 'jsonwebtoken';
import libxmljs from 'libxmljs2';
import yaml from 'js-yaml';
import axios from 'axios';
import { signDownload, verifyDownload } from '@platform/shared/crypto';
import { escapeHtml, resolveInside } from '@platform/shared/util';
import * as storage from './storage';

interface CiClaims {
  project: string;
  branch: string;
  build: number;
}

const app = express();
const upload = multer({ dest: path.join(os.tmpdir(), 'artifact-uploads'), limits: { fileSize: 2 * 1024 * 1024 * 1024 } });

const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
const PROJECT_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

// CI jobs authenticate with their GitHub Actions OIDC token. The API gateway
// checks signatures against GitHub's JWKS, so we only look at the claims.
function requireCiToken(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || '').replace(/^Bearer\s+/i, '');
  const decoded = jwt.decode(token, { complete: true }); //@vuln CWE-347
  const claims = decoded?.payload as (JwtPayload & Record<string, string>) | undefined;
  if (!claims || claims.iss !== OIDC_ISSUER || claims.aud !== 'artifact-store' || (claims.exp ?? 0) * 1000 < Date.now()) {
    return res.status(401).json({ error: 'invalid CI token' });
  }
  const project = String(claims.repository || '').split('/')[1];
  if (!project || !PROJECT_RE.test(project)) return res.status(401).json({ error: 'bad repository claim' });
  const ci: CiClaims = { project, branch: String(claims.ref || '').replace(/^refs\/heads\//, ''), build: parseInt(claims.run_number, 10) || 0 };
  res.locals.ci = ci;
  next();
}

app.get('/api/artifacts', (req, res) => {
  res.json(storage.findArtifacts(String(req.query.project || ''), req.query.branch as string | undefined, req.query.name as string | undefined));
});

app.get('/api/artifacts/:id/link', (req, res) => {
  const art = storage.getArtifact(Number(req.params.id));
  if (!art) return res.sendStatus(404);
  const expires = Math.floor(Date.now() / 1000) + 3600;
  res.json({ url: `/download/${art.id}?expires=${expires}&sig=${signDownload(art.path, expires)}` });
});

app.get('/download/:id', (req, res) => {
  const art = storage.getArtifact(Number(req.params.id));
  if (!art || !verifyDownload(art.path, Number(req.query.expires), String(req.query.sig))) return res.sendStatus(403);
  res.download(art.path, art.name);
});

app.get('/projects/:project', (req, res) => {
  const items = storage.findArtifacts(req.params.project);
  const rows = items.map((a) => `<tr><td>${escapeHtml(a.branch)}</td><td>#${a.build}</td><td><a href="/api/artifacts/${a.id}/link">${escapeHtml(a.name)}</a></td><td>${a.size}</td></tr>`).join('');
  res.send(`<html><body><h1>${escapeHtml(req.params.project)}</h1><table>${rows}</table></body></html>`); //@safe
});

// Build log viewer linked from the CI status check.
app.get('/logs/:project/:build/:file', (req, res) => {
  const { project, build, file } = req.params;
  const text = fs.readFileSync(storage.logFile(project, build, file), 'utf8'); //@vuln CWE-22
  res.send(`<html><head><title>${escapeHtml(file)}</title></head><body><h2>${escapeHtml(project)} #${escapeHtml(build)}</h2><pre>${text}</pre></body></html>`); //@vuln CWE-79
});

app.get('/logs/:project/:build/:file/raw', (req, res) => {
  const dir = resolveInside(storage.ARTIFACT_ROOT, path.join(req.params.project, req.params.build, 'logs'));
  res.sendFile(req.params.file, { root: dir, dotfiles: 'deny', headers: { 'Content-Type': 'text/plain; charset=utf-8' } }); //@safe
});

// Static hosting for dist/ and reports/ (Storybook builds, coverage HTML, ...)
app.get('/files/*', (req, res) => {
  res.sendFile(path.join(storage.ARTIFACT_ROOT, req.params[0])); //@vuln CWE-22
});

app.post('/api/builds/bundle', requireCiToken, upload.single('bundle'), (req, res) => {
  const ci = res.locals.ci as CiClaims;
  const dest = storage.buildDir(ci.project, ci.build);
  const files = storage.extractBundle(req.file!.path, dest);
  for (const f of files) {
    const full = path.join(dest, f);
    storage.insertArtifact({ project: ci.project, branch: ci.branch, build: ci.build, name: f, path: full, size: fs.statSync(full).size });
  }
  fs.unlinkSync(req.file!.path);
  res.status(201).json({ files: files.length });
});

app.post('/api/builds/coverage', requireCiToken, upload.single('coverage'), (req, res) => {
  const ci = res.locals.ci as CiClaims;
  const files = storage.extractCoverage(req.file!.path, path.join(storage.buildDir(ci.project, ci.build), 'coverage'));
  fs.unlinkSync(req.file!.path);
  res.status(201).json({ files });
});

// Build metadata (commit, durations, matrix) posted as YAML by the runner.
app.post('/api/builds/meta', requireCiToken, express.text({ type: '*/*', limit: '256kb' }), (req, res) => {
  const meta = yaml.load(req.body) as Record<string, unknown>; //@vuln CWE-502
  const ci = res.locals.ci as CiClaims;
  fs.writeFileSync(path.join(storage.buildDir(ci.project, ci.build), 'meta.json'), JSON.stringify(meta));
  res.sendStatus(204);
});

app.post('/api/builds/junit', requireCiToken, express.text({ type: ['application/xml', 'text/xml'], limit: '20mb' }), (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, huge: true }); //@vuln CWE-611
  const suites = doc.find('//testsuite');
  const failures = suites.reduce((n, s) => n + Number(s.attr('failures')?.value() || 0), 0);
  res.json({ suites: suites.length, failures });
});

app.post('/api/builds/cobertura', requireCiToken, express.text({ type: ['application/xml', 'text/xml'], limit: '20mb' }), (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true, dtdload: false }); //@safe
  const rate = Number(doc.root()?.attr('line-rate')?.value() || 0);
  res.json({ lineRate: rate });
});

// Mirror an external artifact (e.g. a GitHub release asset) into the store.
app.post('/api/mirror', requireCiToken, express.json(), async (req, res) => {
  const ci = res.locals.ci as CiClaims;
  const resp = await axios.get(req.body.url, { responseType: 'arraybuffer', maxContentLength: 512 * 1024 * 1024 }); //@vuln CWE-918
  const name = path.basename(new URL(req.body.url).pathname) || 'download.bin';
  const dest = path.join(storage.buildDir(ci.project, ci.build), 'mirror', name);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.writeFileSync(dest, Buffer.from(resp.data));
  res.status(201).json({ id: storage.insertArtifact({ project: ci.project, branch: ci.branch, build: ci.build, name, path: dest, size: resp.data.byteLength }) });
});

app.delete('/admin/purge', requireCiToken, (req, res) => {
  res.json({ deleted: storage.purgeOlderThan(String(req.query.days || '30')) });
});

app.listen(Number(process.env.PORT || 8090), () => console.log('artifact store listening'));
