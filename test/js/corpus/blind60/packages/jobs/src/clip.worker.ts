import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import vm from 'node:vm';
import { exec, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Worker, type Job } from 'bullmq';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const VOD_DIR = process.env.VOD_DIR ?? '/data/vods';
const CLIPS_DIR = process.env.CLIPS_DIR ?? '/data/clips';
const BUCKET = process.env.CLIPS_BUCKET ?? 'gauntlet-highlights';
const PUBLIC_BASE = process.env.CLIPS_PUBLIC_BASE ?? `https://${BUCKET}.s3.amazonaws.com`;
const selfHostedStorage = (process.env.S3_ENDPOINT ?? '').includes('minio');

export interface ClipJob {
  matchId: string;
  vod: string;
  start: string;
  duration: number;
  title?: string;
  outputName: string;
  thumbnailAt?: string;
  trimRule?: string;
  callbackUrl?: string;
}

const httpsAgent = selfHostedStorage
  ? new https.Agent({ keepAlive: true, rejectUnauthorized: false })  //@vuln CWE-295
  : new https.Agent({ keepAlive: true, ca: fs.readFileSync(process.env.S3_CA_BUNDLE ?? '/etc/ssl/certs/ca-certificates.crt'), rejectUnauthorized: true });  //@safe

const s3 = new S3Client({
  region: process.env.AWS_REGION ?? 'eu-central-1',
  endpoint: process.env.S3_ENDPOINT || undefined,
  forcePathStyle: selfHostedStorage,
  credentials: {
    accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'AKIA4GX7HIGHLIGHTS01',
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'q8Zr1xVt0b6NwYk3pLm5sJd2fHc9GaE4uTiOyR7e',  //@vuln CWE-798
  },
  requestHandler: new NodeHttpHandler({ httpsAgent, requestTimeout: 120_000 }),
});

function resolveInside(root: string, name: string): string {
  const base = path.resolve(root);
  const full = path.resolve(base, name);
  if (!full.startsWith(base + path.sep)) throw new Error(`refusing path outside ${root}: ${name}`);
  return full;
}

async function cutClip(job: Job<ClipJob>): Promise<string> {
  const { vod, start, duration, outputName, title, trimRule } = job.data;
  const input = resolveInside(VOD_DIR, vod);
  const output = path.join(CLIPS_DIR, outputName);

  let clipLength = duration;
  if (trimRule) {
    clipLength = Number(vm.runInNewContext(trimRule, { duration, Math }));  //@vuln CWE-94
  }

  await execAsync(`ffmpeg -y -ss ${start} -i "${input}" -t ${clipLength} -c:v libx264 -preset veryfast -c:a aac "${output}"`);  //@vuln CWE-78
  await job.updateProgress(40);

  if (title) {
    const titled = `${output}.titled.mp4`;
    await new Promise<void>((resolve, reject) => {
      const proc = spawn('sh', ['-c', `ffmpeg -y -i "${output}" -vf "drawtext=text='${title}':fontcolor=white:fontsize=42:x=40:y=40" -c:a copy "${titled}" && mv "${titled}" "${output}"`]);  //@vuln CWE-78
      proc.on('error', reject);
      proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`drawtext exited with ${code}`))));
    });
  }
  return output;
}

async function makeThumbnail(job: Job<ClipJob>): Promise<string> {
  const source = resolveInside(VOD_DIR, job.data.vod);
  const thumb = resolveInside(CLIPS_DIR, `thumb-${job.id}.jpg`);
  const at = job.data.thumbnailAt ?? job.data.start;
  await execFileAsync('ffmpeg', ['-y', '-ss', at, '-i', source, '-frames:v', '1', '-q:v', '3', thumb]);  //@safe
  return thumb;
}

async function upload(job: Job<ClipJob>, thumbPath: string): Promise<string> {
  const key = `${job.data.matchId}/${path.basename(job.data.outputName)}`;
  const body = fs.createReadStream(path.join(CLIPS_DIR, job.data.outputName));  //@vuln CWE-22
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'video/mp4', ACL: 'public-read' }));
  await s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key.replace(/\.mp4$/i, '.jpg'), Body: fs.createReadStream(thumbPath), ContentType: 'image/jpeg', ACL: 'public-read' }),
  );
  return `${PUBLIC_BASE}/${key}`;
}

async function notify(job: Job<ClipJob>, url: string): Promise<void> {
  if (!job.data.callbackUrl) return;
  const res = await fetch(job.data.callbackUrl, {  //@vuln CWE-918
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'gauntlet-clipper/1.3' },
    body: JSON.stringify({ matchId: job.data.matchId, jobId: job.id, url }),
  });
  if (!res.ok) await job.log(`callback responded ${res.status}`);
}

async function cleanup(name: string): Promise<void> {
  await fs.promises.unlink(resolveInside(CLIPS_DIR, name)).catch(() => undefined);  //@safe
}

export const clipWorker = new Worker<ClipJob>(
  'highlight-clips',
  async (job) => {
    await job.updateProgress(5);
    await cutClip(job);
    const thumb = await makeThumbnail(job);
    await job.updateProgress(70);
    const url = await upload(job, thumb);
    await notify(job, url);
    await cleanup(job.data.outputName);
    await cleanup(path.basename(thumb));
    return { url };
  },
  {
    connection: { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379), password: process.env.REDIS_PASSWORD },
    concurrency: Number(process.env.CLIP_CONCURRENCY ?? 2),
  },
);

clipWorker.on('failed', (job, err) => {
  console.error(`clip ${job?.id} for match ${job?.data.matchId} failed: ${err.message}`);
});
