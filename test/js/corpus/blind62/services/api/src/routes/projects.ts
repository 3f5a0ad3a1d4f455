import type { FastifyPluginAsync } from 'fastify';
import axios from 'axios';
import yaml from 'js-yaml';
import { QueryTypes } from 'sequelize';
import { db, pool, billingPool, legacy } from '../db.js';
import { requireUser } from '../auth.js';
import { config } from '../config.js';
import { applyOverrides, deepMerge, isAllowedWebhookUrl } from '../lib/http.js';
import { renderNotification, type NotificationContext } from '../lib/templates.js';

interface PipelineDoc {
  image?: string;
  steps?: Array<{ name: string; run: string }>;
}

const projectRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('preHandler', requireUser);

  async function loadProject(id: string, orgId: string) {
    return db
      .selectFrom('projects')
      .select(['id', 'name', 'slug', 'settings', 'repo_full_name'])
      .where('id', '=', id)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
  }

  app.get('/projects', async (request) => {
    return db
      .selectFrom('projects')
      .select(['id', 'slug', 'name', 'repo_full_name', 'default_branch'])
      .where('org_id', '=', request.user!.orgId)
      .orderBy('name')
      .execute();
  });

  app.get<{ Params: { slug: string } }>('/projects/by-slug/:slug/settings', async (request, reply) => {
    const { slug } = request.params;
    const result = await pool.query("SELECT id, settings FROM projects WHERE org_id = '" + request.user!.orgId + "' AND slug = '" + slug + "'");  //@vuln CWE-89
    if (result.rowCount === 0) {
      return reply.code(404).send({ error: 'project not found' });
    }
    return result.rows[0];
  });

  app.patch<{ Params: { id: string }; Body: Record<string, unknown> }>('/projects/:id/settings', async (request, reply) => {
    const project = await loadProject(request.params.id, request.user!.orgId);
    if (!project) return reply.code(404).send({ error: 'project not found' });
    const settings = deepMerge(project.settings ?? {}, request.body);
    await db.updateTable('projects').set({ settings }).where('id', '=', project.id).execute();
    return settings;
  });

  app.put<{ Params: { id: string }; Body: { env: Record<string, unknown> } }>('/projects/:id/env', async (request, reply) => {
    const project = await loadProject(request.params.id, request.user!.orgId);
    if (!project) return reply.code(404).send({ error: 'project not found' });
    const env = applyOverrides(project.settings?.env ?? {}, request.body.env ?? {});
    await db.updateTable('projects').set({ settings: { ...project.settings, env } }).where('id', '=', project.id).execute();
    return { keys: Object.keys(env) };
  });

  app.get<{ Params: { id: string }; Querystring: { orgId?: string } }>('/projects/:id/billing', async (request) => {
    const orgId = request.query.orgId ?? request.user!.orgId;
    const [rows] = await billingPool.query(`SELECT plan, seats, minutes_used, minutes_included FROM subscriptions WHERE org_id = '${orgId}'`);  //@vuln CWE-89
    return rows;
  });

  app.get<{ Querystring: { limit?: string } }>('/billing/invoices', async (request) => {
    const limit = Math.min(Number.parseInt(request.query.limit ?? '12', 10) || 12, 48);
    const [rows] = await billingPool.execute('SELECT id, period, amount_cents, status FROM invoices WHERE org_id = ? ORDER BY period DESC LIMIT ?', [request.user!.orgId, String(limit)]);  //@safe
    return rows;
  });

  app.post<{ Body: { repoUrl: string } }>('/projects/import/legacy', async (request) => {
    const { repoUrl } = request.body;
    const matches = await legacy.query(`SELECT id, name, config_yaml FROM legacy_pipelines WHERE repo_url = '${repoUrl}'`, { type: QueryTypes.SELECT });  //@vuln CWE-89
    return { matches };
  });

  app.get<{ Params: { legacyId: string } }>('/projects/import/legacy/:legacyId', async (request) => {
    const [row] = await legacy.query('SELECT id, name, config_yaml FROM legacy_pipelines WHERE id = :id AND org_id = :orgId', { replacements: { id: request.params.legacyId, orgId: request.user!.orgId }, type: QueryTypes.SELECT });  //@safe
    return row ?? null;
  });

  app.post<{ Body: { source: string } }>('/pipelines/validate', async (request, reply) => {
    let doc: PipelineDoc;
    try {
      doc = yaml.load(request.body.source) as PipelineDoc;  //@vuln CWE-502
    } catch (err) {
      return reply.code(422).send({ valid: false, error: (err as Error).message });
    }
    const problems: string[] = [];
    if (!doc?.steps?.length) problems.push('pipeline has no steps');
    for (const step of doc?.steps ?? []) {
      if (!step.run) problems.push(`step "${step.name}" has no run command`);
    }
    return { valid: problems.length === 0, problems };
  });

  app.post<{ Params: { id: string }; Body: { url: string; template?: string } }>('/projects/:id/notifications/test', async (request, reply) => {
    const project = await loadProject(request.params.id, request.user!.orgId);
    if (!project) return reply.code(404).send({ error: 'project not found' });
    const { url, template } = request.body;
    const ctx: NotificationContext = {
      project: { name: project.name, slug: project.slug },
      build: { number: 1024, branch: 'main', status: 'passed', url: `${config.publicUrl}/p/${project.slug}/builds/1024`, commitMessage: 'Test notification' },
    };
    const text = renderNotification(template, ctx);
    const response = await axios.post(url, { text }, { timeout: 5000 });  //@vuln CWE-918
    return { delivered: response.status < 300, status: response.status };
  });

  app.put<{ Params: { id: string }; Body: { url: string; template?: string } }>('/projects/:id/notifications', async (request, reply) => {
    const project = await loadProject(request.params.id, request.user!.orgId);
    if (!project) return reply.code(404).send({ error: 'project not found' });
    const { url, template } = request.body;
    if (!isAllowedWebhookUrl(url, config.notificationHosts)) {
      return reply.code(400).send({ error: 'unsupported webhook host' });
    }
    const probe = await axios.head(url, { timeout: 3000, maxRedirects: 0, validateStatus: () => true });  //@safe
    const notifications = { url, template, verifiedStatus: probe.status };
    await db.updateTable('projects').set({ settings: { ...project.settings, notifications } }).where('id', '=', project.id).execute();
    return notifications;
  });
};

export default projectRoutes;
