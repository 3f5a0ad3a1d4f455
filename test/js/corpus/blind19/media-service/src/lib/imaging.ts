import { exec, execFile, spawn } from 'child_process';
import { promisify } from 'util';

const run = promisify(exec);
const runFile = promisify(execFile);

export interface ResizeOptions {
  width: number | string;
  height: number | string;
  format?: string;
}

export async function resize(src: string, dest: string, opts: ResizeOptions): Promise<void> {
  const geometry = `${opts.width}x${opts.height}`;
  await run(`convert ${src} -resize ${geometry} ${opts.format ?? 'webp'}:${dest}`); //@vuln CWE-78
}

export async function makeThumbnail(src: string, dest: string): Promise<void> {
  await runFile('convert', [src, '-thumbnail', '320x320^', '-gravity', 'center', '-extent', '320x320', dest]); //@safe
}

export function transcodePreview(input: string, output: string, startAt: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-y', '-ss', startAt, '-i', input, '-t', '10', '-vf', 'scale=640:-2', output], { shell: true }); //@vuln CWE-78
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}
