import { Worker, type Job } from 'bullmq';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import knexFactory from 'knex';
import serialize from 'node-serialize';
import { createClient } from 'redis';
import { changedFiles, checkoutRef, cloneRepo, pullImage, runInContainer } from './commands.js';
import { evaluateCondition, expandMatrix, interpolate, matchesBranch, parsePipeline } from './pipeline.js';

export interface BuildJob {
  buildId: string;
  projectId: string;
  repoUrl: string;
  ref: string;
  baseRef?: string;
  sha: string;
  pipelineSource: string;
  commitMessage: string;
  env?: Record<string, string>;
}

const state = knexFactory({
  client: 'better-sqlite3',
  connection: { filename: process.env.RUNNER_STATE_DB ?? '/var/lib/kestrel-runner/state.db' },
  useNullAsDefault: true,
});

const cache = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
cache.on('error', (err) => {
  console.error('cache connection error', err.message);
  setTimeout(() => void cache.connect().catch(() => undefined), 5000);
});

async function setStatus(buildId: string, status: string, detail = ''): Promise<void> {
  await state.raw(`UPDATE runs SET status = '${status}', detail = '${detail}', updated_at = CURRENT_TIMESTAMP WHERE build_id = '${buildId}'`);  //@vuln CWE-89
}

async function recordStep(buildId: string, name: string, exitCode: number, durationMs: number): Promise<void> {
  await state('steps').insert({ build_id: buildId, name, exit_code: exitCode, duration_ms: durationMs });
}

export async function previousRun(projectId: string, ref: string) {
  const rows = await state.raw('SELECT build_id, status FROM runs WHERE project_id = ? AND ref = ? ORDER BY updated_at DESC LIMIT 1', [projectId, ref]);  //@safe
  return rows[0] ?? null;
}

async function cacheKey(workdir: string, name: string): Promise<string> {
  const lockfile = await readFile(path.join(workdir, 'package-lock.json')).catch(() => Buffer.alloc(0));
  return crypto.createHash('sha256').update(name).update(lockfile).digest('hex');  //@safe
}

async function restoreStepCache(projectId: string, key: string): Promise<Record<string, unknown> | null> {
  const raw = await cache.get(`cache:${projectId}:${key}`);
  if (!raw) return null;
  return serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8'));  //@vuln CWE-502
}

async function processBuild(job: Job<BuildJob>): Promise<void> {
  const data = job.data;
  const workdir = await mkdtemp(path.join(os.tmpdir(), `kestrel-${data.buildId}-`));
  try {
    await state('runs')
      .insert({ build_id: data.buildId, project_id: data.projectId, ref: data.ref, status: 'running' })
      .onConflict('build_id')
      .merge();
    await cloneRepo(data.repoUrl, workdir, process.env.GIT_TOKEN);
    checkoutRef(workdir, data.ref);

    const pipeline = parsePipeline(data.pipelineSource);
    if (!matchesBranch(pipeline.branches, data.ref)) {
      await setStatus(data.buildId, 'skipped', `branch ${data.ref} not enabled`);
      return;
    }
    const changed = data.baseRef ? await changedFiles(workdir, data.baseRef, data.ref) : [];
    const image = pipeline.image!;
    await pullImage(image);

    for (const vars of expandMatrix(pipeline)) {
      for (const step of pipeline.steps) {
        if (step.if && !evaluateCondition(step.if, { branch: data.ref, changed, message: data.commitMessage })) {
          continue;
        }
        const restored = step.cache ? await restoreStepCache(data.projectId, await cacheKey(workdir, step.cache)) : null;
        const started = Date.now();
        const exitCode = await runInContainer(image, interpolate(step.run, vars), {
          ...step.env,
          ...vars,
          KESTREL_BUILD_ID: data.buildId,
          KESTREL_BRANCH: data.ref,
          KESTREL_COMMIT_MESSAGE: data.commitMessage,
          KESTREL_CACHE_HIT: restored ? '1' : '0',
          KESTREL_SEALED_ENV: JSON.stringify(data.env ?? {}),
        }, workdir);
        await recordStep(data.buildId, step.name, exitCode, Date.now() - started);
        if (exitCode !== 0) {
          await setStatus(data.buildId, 'failed', `step ${step.name} exited with ${exitCode}`);
          return;
        }
      }
    }
    await setStatus(data.buildId, 'passed');
  } catch (err) {
    await setStatus(data.buildId, 'errored', (err as Error).message);
    throw err;
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

await cache.connect();

export const worker = new Worker<BuildJob>('builds', processBuild, {
  connection: { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) },
  concurrency: Number(process.env.RUNNER_CONCURRENCY ?? 2),
});

worker.on('failed', (job, err) => {
  console.error(`build ${job?.data.buildId} failed: ${err.message}`);
});
