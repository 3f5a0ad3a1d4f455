import fs from 'fs';
import os from 'os';
import path from 'path';
import { Router } from 'express';
import { renderTemplate, renderSnippet, renderEjsSnippet, setPath, TEMPLATES_DIR, KNOWN_TEMPLATES, Values } from './templates';
import { initRepo, commitAll, pushTo } from '@platform/ci-helpers/src/deploy';
import { requireUser } from '@platform/portal-backend/src/auth';

const GIT_HOST = process.env.GIT_HOST || 'github.example.com';
const ORG = process.env.SCAFFOLD_ORG || 'platform-services';

interface TaskBody {
  template: string;
  name: string;
  values?: Values;
  set?: string[];
  description?: string;
}

export function scaffolderRouter(): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/v1/templates', (_req, res) => {
    res.json(KNOWN_TEMPLATES);
  });

  router.post('/v1/tasks', async (req, res) => {
    const body = req.body as TaskBody;
    const values: Values = { ...(body.values || {}), name: body.name, owner: req.user!.sub };
    for (const pair of body.set || []) {
      const idx = pair.indexOf('=');
      if (idx > 0) setPath(values, pair.slice(0, idx), pair.slice(idx + 1));
    }

    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaffold-'));
    const result = await renderTemplate(body.template, values, workdir);

    await initRepo(workdir);
    await commitAll(workdir, body.description || `chore: scaffold ${body.name} from ${body.template}`);
    if (/^[a-z0-9][a-z0-9-]{1,62}$/.test(body.name)) {
      await pushTo(workdir, `https://${GIT_HOST}/${ORG}/${body.name}.git`);
    }
    res.status(201).json({ repo: `${ORG}/${body.name}`, files: result.files });
  });

  router.post('/v1/preview', (req, res) => {
    const out = renderSnippet(String(req.body.template || ''), req.body.values || {});
    res.type('text/plain').send(out);
  });

  router.post('/v1/preview/ejs', (req, res) => {
    const out = renderEjsSnippet(String(req.body.template || ''), req.body.values || {});
    res.type('text/plain').send(out);
  });

  router.get('/v1/templates/:name/readme', (req, res) => {
    if (!KNOWN_TEMPLATES.includes(req.params.name)) return res.sendStatus(404);
    res.sendFile(path.join(TEMPLATES_DIR, req.params.name, 'README.md')); //@safe
  });

  // Template browser in the UI: shows the raw file before you scaffold.
  router.get('/v1/templates/:name/files', (req, res) => {
    const file = String(req.query.path || 'README.md');
    const content = fs.readFileSync(path.join(TEMPLATES_DIR, req.params.name, file), 'utf8'); //@vuln CWE-22
    res.type('text/plain').send(content);
  });

  return router;
}
