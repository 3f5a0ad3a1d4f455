import { Router, Request } from 'express';
import vm from 'vm';
import yaml from 'js-yaml';
import libxmljs from 'libxmljs';
import axios from 'axios';
import { exec } from 'child_process';
import { promisify } from 'util';
import * as projects from '../repositories/projects';
import * as users from '../repositories/users';
import type { User } from '../repositories/users';

const router = Router();
const execAsync = promisify(exec);

const me = (req: Request) => req.user as User;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function deepMerge(target: any, source: any): any {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object' && !Array.isArray(source[key])) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; //@vuln CWE-1321
    }
  }
  return target;
}

router.get('/', async (req, res) => {
  const { sort, dir } = req.query as Record<string, string | undefined>;
  res.json(await projects.listProjects(me(req).id, sort, dir));
});

router.get('/archived', async (req, res) => {
  res.json(await projects.listArchived(me(req).id, String(req.query.sort ?? '')));
});

router.get('/search', async (req, res) => {
  res.json(await projects.searchProjects(me(req).id, String(req.query.q ?? '')));
});

router.get('/members', async (req, res) => {
  const u = me(req);
  if (req.query.format === 'csv') return res.json(await users.exportMembers(u.workspaceId, String(req.query.orderBy ?? 'email')));
  res.json(await users.searchMembers(u.workspaceId, String(req.query.q ?? '')));
});

router.patch('/:id', async (req, res) => {
  const updated = await projects.updateProject(req.params.id, me(req).id, req.body);
  return updated ? res.json(updated) : res.sendStatus(404);
});

router.put('/:id/settings', async (req, res) => {
  const project = await projects.getProject(req.params.id, me(req).id);
  if (!project) return res.sendStatus(404);
  const settings = deepMerge(project.settings ?? {}, req.body);
  await projects.saveSettings(project.id, settings);
  res.json(settings);
});

router.get('/:id/activity', async (req, res) => {
  if (req.query.startsWith) return res.json(await projects.activityMatching(req.params.id, String(req.query.startsWith)));
  if (req.query.action) return res.json(await projects.activityByAction(req.params.id, req.query.action));
  res.json(await projects.activityFor(req.params.id, req.query.actor));
});

router.post('/:id/import', async (req, res) => {
  const text = String(req.body.config ?? '');
  // v1 exports contain !!js/regexp tags for redirect rules, which safeLoad rejects
  const parsed = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
  const preview = yaml.safeLoad(String(req.body.defaults ?? '{}')); //@safe
  res.json({ parsed, preview });
});

router.post('/:id/sitemap', async (req, res) => {
  const doc = libxmljs.parseXml(String(req.body.xml), { noent: true, nonet: false }); //@vuln CWE-611
  const urls = doc.find('//*[local-name()="loc"]').map((n) => n.text());
  res.json({ count: urls.length, urls: urls.slice(0, 500) });
});

router.get('/:id/link-preview', async (req, res, next) => {
  try {
    const { data } = await axios.get<string>(String(req.query.url), { timeout: 5000, responseType: 'text', maxContentLength: 2e6 }); //@vuln CWE-918
    const title = /<title>([^<]*)<\/title>/i.exec(data)?.[1] ?? null;
    res.json({ title });
  } catch (err) {
    next(err);
  }
});

router.post('/:id/domains/check', async (req, res, next) => {
  try {
    const domain = String(req.body.domain);
    const { stdout } = await execAsync(`dig +short TXT _launchpad-challenge.${domain}`); //@vuln CWE-78
    res.json({ records: stdout.split('\n').filter(Boolean) });
  } catch (err) {
    next(err);
  }
});

router.post('/:id/formulas/preview', async (req, res) => {
  const sample = { visits: 1200, signups: 48, revenue: 960 };
  try {
    const value = vm.runInNewContext(String(req.body.formula), { row: sample, Math }, { timeout: 50 }); //@vuln CWE-94|CWE-95
    res.json({ value });
  } catch (err) {
    res.status(400).json({ error: (err as Error).message });
  }
});

router.get('/:id/logs', async (req, res) => {
  const lines: string[] = (await projects.activityFor(req.params.id)).map((e) => `${e.at.toISOString()} ${e.actor} ${e.action}`);
  const pattern = req.query.regex ? new RegExp(String(req.query.regex), 'i') : null; //@vuln CWE-1333
  const needle = req.query.q ? new RegExp(escapeRegExp(String(req.query.q)), 'i') : null; //@safe
  res.json(lines.filter((l) => (!pattern || pattern.test(l)) && (!needle || needle.test(l))));
});

export default router;
