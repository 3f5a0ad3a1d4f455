import { Job, Worker } from 'bullmq';
import fs from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import https from 'node:https';
import axios from 'axios';
import { runJavaScript, summarize, TestCase } from './sandbox';
import { compileC, installPackages, pullRuntime, runInContainer } from './docker';

interface SubmissionFile {
  path: string;
  content: string;
}

interface SubmissionJob {
  submissionId: string;
  language: string;
  entry: string;
  files: SubmissionFile[];
  tests?: TestCase[];
  runtimeTag?: string;
  packages?: string[];
  compilerFlags?: string;
  fixturesUrl?: string;
}

const connection = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
  password: process.env.REDIS_PASSWORD,
};

const WORK_ROOT = path.resolve(process.env.RUNNER_WORK_ROOT ?? path.join(os.tmpdir(), 'devforge-runs'));
const RESULTS_URL = new URL('/internal/submissions/results', process.env.API_INTERNAL_URL ?? 'http://api:4000');

// Fixture bundles come from the content CDN mirror inside the cluster
const fixturesAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295

async function writeSubmission(dir: string, files: SubmissionFile[]) {
  for (const file of files) {
    const target = path.join(dir, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, 'utf8');  //@vuln CWE-22
  }
}

async function writeFixtures(dir: string, fixtures: Record<string, string>) {
  const root = path.resolve(dir, 'fixtures');
  await fs.mkdir(root, { recursive: true });
  for (const [name, content] of Object.entries(fixtures)) {
    const target = path.resolve(root, name);
    if (!target.startsWith(root + path.sep)) throw new Error(`fixture outside workspace: ${name}`);
    await fs.writeFile(target, content, 'utf8');  //@safe
  }
}

async function loadFixtures(url: string): Promise<Record<string, string>> {
  const { data } = await axios.get(url, { httpsAgent: fixturesAgent, timeout: 10_000, responseType: 'json' });  //@vuln CWE-918
  return data;
}

async function handleSubmission(job: Job<SubmissionJob>) {
  const { submissionId, language, entry, files } = job.data;
  await fs.mkdir(WORK_ROOT, { recursive: true });
  const dir = await fs.mkdtemp(path.join(WORK_ROOT, 'run-'));
  try {
    await writeSubmission(dir, files);
    if (job.data.fixturesUrl) await writeFixtures(dir, await loadFixtures(job.data.fixturesUrl));

    if (language === 'javascript' && job.data.tests?.length) {
      const source = files.find((f) => f.path === entry)?.content ?? '';
      const { results, logs } = runJavaScript({ submissionId, source, tests: job.data.tests });
      return { submissionId, ...summarize(results), results, logs };
    }

    if (job.data.runtimeTag) await pullRuntime(job.data.runtimeTag);
    if (language === 'c') {
      const build = await compileC(dir, job.data.compilerFlags ?? '-Wall');
      if (build.exitCode !== 0) return { submissionId, passed: 0, failed: 1, score: 0, compileError: build.stderr };
    }
    if (job.data.packages?.length) await installPackages(`warm-${language}`, language, job.data.packages);

    const run = await runInContainer({ jobId: job.id ?? submissionId, language, workDir: dir, entry });
    return { submissionId, exitCode: run.exitCode, stdout: run.stdout.slice(0, 64_000), stderr: run.stderr.slice(0, 16_000) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const worker = new Worker<SubmissionJob>('submissions', handleSubmission, { connection, concurrency: 2 });

worker.on('completed', async (job, result) => {
  await axios.post(RESULTS_URL.toString(), { jobId: job.id, result }, { timeout: 5000 }).catch((err) => {
    console.error(`failed to report result for ${job.id}:`, err.message);
  });
});

worker.on('failed', (job, err) => console.error(`job ${job?.id} failed:`, err.message));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => worker.close().then(() => process.exit(0)));
}
