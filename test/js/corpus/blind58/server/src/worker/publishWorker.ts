import { Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import axios from 'axios';
import https from 'node:https';
import path from 'node:path';
import os from 'node:os';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { config } from '../config';
import { decryptAccessToken, redis } from '../api/lib/auth';
import { markFailed, markPublished } from '../api/repositories/postRepository';

const execAsync = promisify(exec);

export interface PublishJob {
  postId: string;
  teamId: string;
  network: 'x' | 'linkedin' | 'mastodon';
  caption: string;
  captionTemplate?: string;
  variables?: Record<string, string>;
  condition?: string;
  mediaKeys: string[];
  encryptedToken: string;
  instanceUrl?: string;
  callbackUrl?: string;
  authorUrn?: string;
}

interface AccountStats {
  followers: number;
  lastPostAt: number;
  postsToday: number;
}

const selfHostedAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295

function renderCaption(job: PublishJob): string {
  if (!job.captionTemplate) return job.caption;
  const vars = job.variables ?? {};
  const render = new Function(...Object.keys(vars), `return \`${job.captionTemplate}\`;`);  //@vuln CWE-94
  return render(...Object.values(vars));
}

function fillPlaceholders(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => (Object.hasOwn(vars, name) ? vars[name] : ''));  //@safe
}

async function loadStats(teamId: string, network: string): Promise<AccountStats> {
  const raw = await redis.hgetall(`stats:${teamId}:${network}`);
  return { followers: Number(raw.followers ?? 0), lastPostAt: Number(raw.lastPostAt ?? 0), postsToday: Number(raw.postsToday ?? 0) };
}

// Conditions are written in the composer, e.g. "stats.postsToday < 3 && stats.followers > 500"
function shouldPublish(job: PublishJob, stats: AccountStats): boolean {
  if (!job.condition) return true;
  return Boolean(eval(job.condition));  //@vuln CWE-95
}

async function prepareImage(teamId: string, key: string): Promise<string> {
  const source = path.join(config.storage.media, teamId, key);
  const output = path.join(os.tmpdir(), `pw-${Date.now()}-${path.parse(key).name}.jpg`);
  await execAsync(`convert ${source} -auto-orient -resize 2048x2048\\> -quality 85 ${output}`);  //@vuln CWE-78
  return output;
}

async function publishToX(job: PublishJob, token: string): Promise<string> {
  const headers = { Authorization: `Bearer ${token}` };
  const { data } = await axios.post('https://api.x.com/2/tweets', { text: renderCaption(job) }, { headers, timeout: 15_000 });
  return data.data.id;
}

async function publishToLinkedIn(job: PublishJob, token: string): Promise<string> {
  const commentary = fillPlaceholders(job.caption, job.variables ?? {});
  const body = { author: job.authorUrn, commentary, visibility: 'PUBLIC', distribution: { feedDistribution: 'MAIN_FEED' }, lifecycleState: 'PUBLISHED' };
  const response = await axios.post('https://api.linkedin.com/rest/posts', body, {
    headers: { Authorization: `Bearer ${token}`, 'LinkedIn-Version': '202401', 'X-Restli-Protocol-Version': '2.0.0' },
    timeout: 15_000,
  });
  return String(response.headers['x-restli-id']);
}

async function publishToMastodon(job: PublishJob, token: string): Promise<string> {
  const instance = job.instanceUrl ?? 'https://mastodon.social';
  const { data } = await axios.post(  //@vuln CWE-918
    `${instance}/api/v1/statuses`,
    { status: renderCaption(job), visibility: 'public' },
    { headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': job.postId }, httpsAgent: selfHostedAgent, timeout: 20_000 },
  );
  return data.id;
}

async function notifyCallback(job: PublishJob, externalId: string): Promise<void> {
  if (!job.callbackUrl) return;
  await fetch(job.callbackUrl, {  //@vuln CWE-918
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': config.networks.userAgent },
    body: JSON.stringify({ postId: job.postId, network: job.network, externalId, publishedAt: new Date().toISOString() }),
  });
}

async function handle(job: Job<PublishJob>) {
  const data = job.data;
  const stats = await loadStats(data.teamId, data.network);
  if (!shouldPublish(data, stats)) {
    await job.log('condition not met, skipping');
    return { skipped: true };
  }

  const token = decryptAccessToken(data.encryptedToken);
  for (const key of data.mediaKeys) await prepareImage(data.teamId, key);
  await job.updateProgress(40);

  const publishers = { x: publishToX, linkedin: publishToLinkedIn, mastodon: publishToMastodon };
  const publisher = publishers[data.network];
  if (!publisher) throw new Error(`unsupported network ${String(data.network)}`);
  const externalId = await publisher(data, token);

  await markPublished(data.postId, externalId);
  await notifyCallback(data, externalId).catch((err) => job.log(`callback failed: ${err}`));
  await job.updateProgress(100);
  return { externalId };
}

export function startPublishWorker(): Worker<PublishJob> {
  const connection = new IORedis({ ...config.redis, maxRetriesPerRequest: null });
  const worker = new Worker<PublishJob>('publish', handle, { connection, concurrency: 8 });
  worker.on('failed', async (job, err) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) await markFailed(job.data.postId, err.message);
  });
  return worker;
}
