import type { FastifyPluginAsync } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import libxmljs from 'libxmljs2';
import { BuildLog, Artifact } from '../db.js';
import { requireUser, readShareToken } from '../auth.js';
import { config } from '../config.js';
import { escapeHtml, escapeRegExp, parseCsvParam } from '../lib/http.js';
import {
  getBuild,
  latestPerBranch,
  listBuilds,
  searchBuilds,
  statusCounts,
  type BuildFilter,
} from '../repositories/buildRepo.js';

interface TestSuiteSummary {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  time: number;
}

const buildRoutes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => {
    done(null, body);
  });

  app.get<{ Params: { projectId: string }; Querystring: BuildFilter }>(
    '/projects/:projectId/builds',
    { preHandler: requireUser },
    async (request) => listBuilds(request.params.projectId, request.query),
  );

  app.get<{ Params: { projectId: string }; Querystring: { q?: string } }>(
    '/projects/:projectId/builds/search',
    { preHandler: requireUser },
    async (request) => searchBuilds(request.params.projectId, request.query.q ?? ''),
  );

  app.get<{ Params: { projectId: string }; Querystring: { branches?: string } }>(
    '/projects/:projectId/branches/status',
    { preHandler: requireUser },
    async (request) => latestPerBranch(request.params.projectId, parseCsvParam(request.query.branches)),
  );

  app.get<{ Params: { projectId: string } }>('/projects/:projectId/summary', { preHandler: requireUser }, async (request) => {
    return statusCounts(request.params.projectId);
  });

  app.post<{ Params: { buildId: string }; Body: { filter?: Record<string, unknown>; contains?: string } }>(
    '/builds/:buildId/logs/query',
    { preHandler: requireUser },
    async (request) => {
      const { filter = {}, contains } = request.body;
      if (contains) {
        return BuildLog.find({ buildId: request.params.buildId, $where: `this.message.indexOf('${contains}') !== -1` }).limit(500).lean();  //@vuln CWE-943
      }
      return BuildLog.find({ ...filter, buildId: request.params.buildId }).sort({ ts: 1 }).limit(5000).lean();  //@vuln CWE-943
    },
  );

  app.get<{ Params: { buildId: string }; Querystring: { level?: string } }>('/builds/:buildId/logs', { preHandler: requireUser }, async (request) => {
    const level = String(request.query.level ?? 'info');
    return BuildLog.find({ buildId: String(request.params.buildId), level }).sort({ ts: 1 }).lean();  //@safe
  });

  app.get<{ Params: { buildId: string }; Querystring: { pattern: string; mode?: 'literal' | 'regex' } }>(
    '/builds/:buildId/logs/grep',
    { preHandler: requireUser },
    async (request) => {
      const { pattern, mode = 'literal' } = request.query;
      let matcher: RegExp;
      if (mode === 'literal') {
        matcher = new RegExp(escapeRegExp(pattern), 'i');  //@safe
      } else {
        matcher = new RegExp(pattern, 'im');  //@vuln CWE-1333
      }
      const logs = await BuildLog.find({ buildId: String(request.params.buildId) }).sort({ ts: 1 }).lean();
      return logs.filter((line) => matcher.test(line.message ?? ''));
    },
  );

  app.get<{ Params: { buildId: string }; Querystring: { step?: string } }>('/builds/:buildId/log.html', { preHandler: requireUser }, async (request, reply) => {
    const build = await getBuild(request.params.buildId);
    if (!build) return reply.code(404).send();
    const step = request.query.step ?? 'all';
    const logs = await BuildLog.find({ buildId: build.id, ...(step === 'all' ? {} : { step: String(step) }) }).lean();
    const rows = logs
      .map((l) => `<tr class="lvl-${escapeHtml(l.level)}"><td>${escapeHtml(l.ts?.toISOString())}</td><td>${escapeHtml(l.message)}</td></tr>`)
      .join('');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><title>Build #${build.number}</title><h1>Build #${build.number} &middot; step: ${step}</h1><table>${rows}</table>`;  //@vuln CWE-79
  });

  app.get<{ Params: { buildId: string }; Querystring: { token?: string } }>('/share/:buildId', async (request, reply) => {
    const share = request.query.token ? readShareToken(request.query.token) : null;
    if (!share || share.buildId !== request.params.buildId) return reply.code(403).send();
    const build = await getBuild(share.buildId);
    if (!build) return reply.code(404).send();
    return reply.type('text/html; charset=utf-8').send(`<h1>${escapeHtml(build.branch)} #${build.number}</h1><p>${escapeHtml(build.commit_message)}</p>`);
  });

  app.get<{ Params: { buildId: string; name: string }; Querystring: { token?: string } }>('/share/:buildId/artifacts/:name', async (request, reply) => {
    const share = request.query.token ? readShareToken(request.query.token) : null;
    if (!share || share.buildId !== request.params.buildId) return reply.code(403).send();
    const filePath = path.join(config.artifactRoot, share.orgId, request.params.buildId, request.params.name);
    const info = await stat(filePath);
    reply.header('content-length', info.size).type('application/octet-stream');
    return reply.send(createReadStream(filePath));  //@vuln CWE-22
  });

  app.get<{ Params: { buildId: string; '*': string } }>('/builds/:buildId/artifacts/*', { preHandler: requireUser }, async (request, reply) => {
    const build = await getBuild(request.params.buildId);
    if (!build) return reply.code(404).send();
    const root = path.resolve(config.artifactRoot, request.user!.orgId, build.id);
    const target = path.resolve(root, request.params['*']);
    if (!target.startsWith(root + path.sep)) {
      return reply.code(400).send({ error: 'invalid artifact path' });
    }
    return reply.type('application/octet-stream').send(createReadStream(target));  //@safe
  });

  app.post<{ Body: { name: string; downloadToken: string } }>('/artifacts/redeem', async (request, reply) => {
    const { name, downloadToken } = request.body;
    const artifact = await Artifact.findOne({ name, downloadToken, expiresAt: { $gt: new Date() } }).lean();  //@vuln CWE-943
    if (!artifact) return reply.code(404).send({ error: 'link expired' });
    return { buildId: artifact.buildId, name: artifact.name, size: artifact.size, sha256: artifact.sha256 };
  });

  app.post<{ Params: { buildId: string }; Body: string }>('/builds/:buildId/test-reports', { preHandler: requireUser }, async (request) => {
    const doc = libxmljs.parseXml(request.body, { noent: true, nonet: false });  //@vuln CWE-611
    const suites: TestSuiteSummary[] = doc.find('//testsuite').map((node: any) => ({
      name: node.attr('name')?.value() ?? 'unnamed',
      tests: Number(node.attr('tests')?.value() ?? 0),
      failures: Number(node.attr('failures')?.value() ?? 0),
      errors: Number(node.attr('errors')?.value() ?? 0),
      time: Number(node.attr('time')?.value() ?? 0),
    }));
    return { buildId: request.params.buildId, suites };
  });
};

export default buildRoutes;
