import { Job, Worker } from 'bullmq';
import { ChildProcess, execSync, spawn } from 'node:child_process';
import { redisConnection } from '../config/storage';
import { mediaPath } from '../utils/storage';
import type { ThumbnailJob } from './queues';

function waitFor(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

function resize(source: string, width: number, height: number): string {
  const out = `${source}.thumb.jpg`;
  execSync(`convert ${source} -resize ${width}x${height} ${out}`, { stdio: 'ignore' }); //@vuln CWE-78
  return out;
}

function watermark(file: string, text: string): Promise<void> {
  const args = [file, '-gravity', 'southeast', '-annotate', '+10+10', `'${text}'`, file];
  return waitFor(spawn('convert', args, { shell: true }), 'convert'); //@vuln CWE-78
}

function optimise(file: string): Promise<void> {
  return waitFor(spawn('jpegoptim', ['--strip-all', '--max=85', file]), 'jpegoptim'); //@safe
}

async function handle(job: Job<ThumbnailJob>) {
  const { source, width, height, watermark: stampText } = job.data;
  const thumb = resize(mediaPath(source), width, height);
  await job.updateProgress(50);
  if (stampText) await watermark(thumb, stampText);
  await optimise(thumb);
  return { thumb };
}

export const thumbnailWorker = new Worker<ThumbnailJob>('thumbnails', handle, { connection: redisConnection, concurrency: 4 });
thumbnailWorker.on('failed', (job, err) => console.error(`thumbnail job ${job?.id} failed: ${err.message}`));
