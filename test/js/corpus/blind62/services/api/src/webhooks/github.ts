import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { App } from '@octokit/app';
import { Queue } from 'bullmq';
import { config } from '../config.js';
import { db } from '../db.js';
import { deepMerge } from '../lib/http.js';
import { renderCommitStatus } from '../lib/templates.js';
import { encryptForRunner } from '../auth.js';

const github = new App({
  appId: config.github.appId,
  privateKey: config.github.privateKey,
  webhooks: { secret: config.github.webhookSecret },
});

const redisUrl = new URL(config.redisUrl);
export const buildQueue = new Queue('builds', {
  connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) },
});

const PIPELINE_PATH = '.kestrel/pipeline.yml';
const OPTIONS_MARKER = /<!--\s*kestrel:(\{[\s\S]*?\})\s*-->/;

async function projectFor(fullName: string) {
  return db.selectFrom('projects').selectAll().where('repo_full_name', '=', fullName).executeTakeFirst();
}

async function readPipeline(octokit: any, owner: string, repo: string, ref: string): Promise<string | null> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path: PIPELINE_PATH, ref });
    if (Array.isArray(data) || data.type !== 'file') return null;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch {
    return null;
  }
}

function encryptedEnv(env: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, encryptForRunner(v)]));
}

github.webhooks.on('push', async ({ octokit, payload }) => {
  if (payload.deleted || !payload.ref.startsWith('refs/heads/')) return;
  const project = await projectFor(payload.repository.full_name);
  if (!project) return;
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const branch = payload.ref.slice('refs/heads/'.length);
  const pipelineSource = await readPipeline(octokit, owner, repo, payload.after);
  if (!pipelineSource) return;

  const job = await buildQueue.add('build', {
    buildId: randomUUID(),
    projectId: project.id,
    repoUrl: payload.repository.clone_url,
    ref: branch,
    sha: payload.after,
    pipelineSource,
    commitMessage: payload.head_commit?.message ?? '',
    env: encryptedEnv(project.settings?.env),
  });

  const description = renderCommitStatus(project.settings, {
    project: { name: project.name, slug: project.slug },
    build: { number: Number(job.id), branch, status: 'queued', url: `${config.publicUrl}/p/${project.slug}`, commitMessage: payload.head_commit?.message ?? '' },
  });
  await octokit.request('POST /repos/{owner}/{repo}/statuses/{sha}', { owner, repo, sha: payload.after, state: 'pending', context: 'kestrel/ci', description });
});

github.webhooks.on(['pull_request.opened', 'pull_request.synchronize'], async ({ octokit, payload }) => {
  const project = await projectFor(payload.repository.full_name);
  if (!project) return;
  const pr = payload.pull_request;
  const pipelineSource = await readPipeline(octokit, pr.head.repo?.owner.login ?? '', pr.head.repo?.name ?? '', pr.head.sha);
  if (!pipelineSource) return;

  const options: Record<string, any> = { cache: true, matrix: {}, labels: pr.labels.map((l: { name: string }) => l.name) };
  const marker = pr.body?.match(OPTIONS_MARKER);
  if (marker) {
    try {
      deepMerge(options, JSON.parse(marker[1]));
    } catch {
      // ignore malformed option blocks
    }
  }

  await buildQueue.add('build', {
    buildId: randomUUID(),
    projectId: project.id,
    repoUrl: pr.head.repo?.clone_url,
    ref: pr.head.ref,
    baseRef: pr.base.ref,
    sha: pr.head.sha,
    pipelineSource,
    commitMessage: pr.title,
    options,
  });
});

github.webhooks.on('issue_comment.created', async ({ payload }) => {
  const body = payload.comment.body.trim();
  if (!payload.issue.pull_request || !body.startsWith('/kestrel retry')) return;
  const project = await projectFor(payload.repository.full_name);
  if (!project) return;
  const filterArg = body.match(/--only\s+(\S+)/)?.[1];
  const stepFilter = filterArg ? new RegExp(filterArg) : null;  //@vuln CWE-1333
  const failed: Array<{ name: string }> = project.settings?.lastFailedSteps?.[payload.issue.number] ?? [];
  const steps = failed.filter((s) => !stepFilter || stepFilter.test(s.name)).map((s) => s.name);
  await buildQueue.add('retry', { projectId: project.id, pullNumber: payload.issue.number, steps });
});

github.webhooks.on('deployment_status', async ({ payload }) => {
  const status = payload.deployment_status;
  if (status.state !== 'success') return;
  const targetUrl = status.environment_url || status.target_url;
  if (!targetUrl) return;
  const started = Date.now();
  const response = await fetch(targetUrl, { method: 'GET', redirect: 'follow' });  //@vuln CWE-918
  await buildQueue.add('smoke-result', {
    repository: payload.repository.full_name,
    deploymentId: payload.deployment.id,
    status: response.status,
    latencyMs: Date.now() - started,
  });
});

export async function registerGithubWebhooks(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    scope.post('/webhooks/github', async (request, reply) => {
      const id = String(request.headers['x-github-delivery'] ?? '');
      const name = String(request.headers['x-github-event'] ?? '');
      const signature = String(request.headers['x-hub-signature-256'] ?? '');
      try {
        await github.webhooks.verifyAndReceive({ id, name: name as any, payload: request.body as string, signature });  //@safe
      } catch (err) {
        request.log.warn({ err, id, name }, 'rejected GitHub delivery');
        return reply.code(400).send({ error: 'invalid delivery' });
      }
      return reply.code(202).send();
    });
  });
}
