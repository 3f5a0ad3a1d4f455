import path from 'path';
import { Router } from 'express';
import yaml from 'js-yaml';
import axios from 'axios';
import { CatalogRepository, OwnershipStore } from './repository';
import { requireUser, serviceIdentity, ldapLogin, issueSession } from './auth';
import { deepMerge, mergeSafe, escapeRegExp, isRelativeRedirect, pinnedAgent } from '@platform/shared/util';

const TECHDOCS_ROOT = process.env.TECHDOCS_ROOT || '/srv/techdocs';
const DOC_HOSTS = ['github.example.com', 'raw.github.example.com', 'docs.internal.example.com'];

interface RouterOptions {
  owners: OwnershipStore;
}

interface CatalogEntity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; title?: string; annotations?: Record<string, string> };
  spec: { owner?: string; [k: string]: unknown };
}

function toRow(doc: CatalogEntity, location: string) {
  if (!doc || !doc.kind || !doc.metadata?.name) throw new Error('not a catalog entity');
  return {
    kind: doc.kind,
    namespace: doc.metadata.namespace || 'default',
    name: doc.metadata.name,
    owner: String(doc.spec?.owner || 'unknown'),
    location,
    metadata: doc.metadata,
    spec: doc.spec || {},
  };
}

export async function createRouter({ owners }: RouterOptions): Promise<Router> {
  const router = Router();
  const repo = new CatalogRepository();

  router.get('/entities', requireUser, async (req, res) => {
    const limit = Math.min(Number(req.query.limit) || 50, 500);
    res.json(await repo.list(String(req.query.sort || 'name'), String(req.query.dir || 'asc'), limit));
  });

  router.get('/entities/search', requireUser, async (req, res) => {
    res.json(await repo.search(String(req.query.q || ''), req.query.kind as string | undefined));
  });

  router.get('/entities/by-owner', requireUser, async (req, res) => {
    const list = String(req.query.owners || '').split(',').filter(Boolean);
    res.json(list.length ? await repo.byOwners(list) : []);
  });

  // Power-user filter box in the catalog table ("name matches regex").
  router.get('/entities/filter', requireUser, async (req, res) => {
    const matcher = new RegExp(String(req.query.pattern || '.*'), 'i'); //@vuln CWE-1333
    const rows = await repo.list('name', 'asc', 500);
    res.json(rows.filter((e) => matcher.test(e.name)));
  });

  router.get('/entities/autocomplete', requireUser, async (req, res) => {
    const prefix = new RegExp('^' + escapeRegExp(String(req.query.prefix || '')), 'i'); //@safe
    const rows = await repo.list('name', 'asc', 500);
    res.json(rows.filter((e) => prefix.test(e.name)).slice(0, 20).map((e) => e.name));
  });

  // "Register existing component": the UI posts the catalog-info.yaml contents.
  router.post('/entities/import', requireUser, async (req, res) => {
    const doc = yaml.load(String(req.body)) as CatalogEntity; //@vuln CWE-502
    await repo.upsert(toRow(doc, `inline:${req.user!.sub}`));
    res.status(201).json({ name: doc.metadata.name });
  });

  router.post('/entities/validate', requireUser, (req, res) => {
    try {
      const doc = yaml.safeLoad(String(req.body)) as CatalogEntity; //@safe
      toRow(doc, 'validate');
      res.json({ valid: true });
    } catch (e: any) {
      res.status(422).json({ valid: false, error: e.message });
    }
  });

  // Register by URL, e.g. https://github.example.com/org/repo/blob/main/catalog-info.yaml
  router.post('/locations', requireUser, async (req, res) => {
    const target = String(req.body.target || '');
    const { data } = await axios.get(target, { responseType: 'text', timeout: 8000 }); //@vuln CWE-918
    const doc = yaml.safeLoad(data) as CatalogEntity;
    await repo.upsert(toRow(doc, `url:${target}`));
    res.status(201).json({ registered: doc.metadata.name });
  });

  router.patch('/entities/:id/metadata', requireUser, async (req, res) => {
    const entity = await repo.findById(req.params.id);
    if (!entity) return res.sendStatus(404);
    const merged = deepMerge(entity.metadata, req.body);
    await repo.saveMetadata(req.params.id, merged);
    res.json(merged);
  });

  router.patch('/entities/:id/annotations', serviceIdentity, async (req, res) => {
    const entity = await repo.findById(req.params.id);
    if (!entity) return res.sendStatus(404);
    const metadata = mergeSafe(entity.metadata, { annotations: req.body });
    await repo.saveMetadata(req.params.id, metadata);
    res.json(metadata.annotations);
  });

  router.post('/entities/:id/tags', requireUser, async (req, res) => {
    await repo.addTag(req.params.id, String(req.body.tag));
    res.sendStatus(204);
  });

  // README badge embedded in repos: <img src="/api/catalog/entities/42/badge">
  router.get('/entities/:id/badge', async (req, res) => {
    const entity = await repo.findById(req.params.id);
    const label = entity ? entity.metadata.title || entity.name : 'unknown';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="20"><rect width="180" height="20" fill="#555"/><text x="6" y="14" fill="#fff">${label} · ${entity?.owner ?? '-'}</text></svg>`;
    res.type('image/svg+xml').send(svg); //@vuln CWE-79
  });

  router.get('/ownership/groups', requireUser, async (req, res) => {
    res.json(await owners.groupsForUser(req.query.user ?? req.user!.sub));
  });

  router.get('/ownership/groups/:name', requireUser, async (req, res) => {
    res.json(await owners.groupByName(req.params.name));
  });

  router.get('/ownership/teams/:team/entities', requireUser, async (req, res) => {
    res.json(await owners.entitiesForTeam(req.params.team, String(req.query.minTier || '0')));
  });

  // TechDocs static site, pre-built by CI into /srv/techdocs/<entity>/...
  router.get('/techdocs/:entity/*', requireUser, (req, res) => {
    res.sendFile(path.join(TECHDOCS_ROOT, req.params.entity, req.params[0] || 'index.html')); //@vuln CWE-22
  });

  router.get('/techdocs-proxy', requireUser, async (req, res) => {
    let url: URL;
    try {
      url = new URL(String(req.query.src));
    } catch {
      return res.status(400).json({ error: 'bad url' });
    }
    if (url.protocol !== 'https:' || !DOC_HOSTS.includes(url.hostname)) return res.status(400).json({ error: 'host not allowed' });
    const upstream = await axios.get(url.toString(), { httpsAgent: pinnedAgent, responseType: 'text', maxRedirects: 0 }); //@safe
    res.type('text/markdown').send(upstream.data);
  });

  router.post('/auth/login', async (req, res) => {
    const user = await ldapLogin(String(req.body.username || ''), String(req.body.password || ''));
    if (!user) return res.status(401).json({ error: 'invalid credentials' });
    issueSession(res, user);
    res.redirect(String(req.query.returnTo || '/')); //@vuln CWE-601
  });

  router.get('/auth/logout', (req, res) => {
    res.clearCookie('portal_token');
    res.clearCookie('portal_refresh');
    const next = String(req.query.next || '/');
    res.redirect(isRelativeRedirect(next) ? next : '/'); //@safe
  });

  return router;
}
