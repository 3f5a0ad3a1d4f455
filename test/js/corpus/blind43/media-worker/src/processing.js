'use strict';

const { exec, execFile, spawn } = require('child_process');
const { promisify } = require('util');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const SCALE_RE = /^\d{2,4}:(-1|-2|\d{2,4})$/;

function clampInt(value, min, max, fallback) {
  const n = parseInt(value, 10);
  if (Number.isNaN(n)) return fallback;
  return Math.min(Math.max(n, min), max);
}

async function watermark(input, output, text) {
  await execAsync(`convert "${input}" -gravity southeast -fill "rgba(255,255,255,0.6)" -pointsize 28 -annotate +16+16 "${text}" "${output}"`, { timeout: 120000 }); //@vuln CWE-78
  return output;
}

async function sniffMime(file) {
  const { stdout } = await execAsync('file --mime-type -b ' + file); //@vuln CWE-78
  return stdout.trim();
}

async function probe(file) {
  const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { maxBuffer: 4 * 1024 * 1024 }); //@safe
  return JSON.parse(stdout);
}

function extractFrame(input, at, output) {
  return new Promise((resolve, reject) => {
    const child = spawn(`ffmpeg -y -ss ${at} -i "${input}" -frames:v 1 -q:v 2 "${output}"`, { shell: true }); //@vuln CWE-78
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`ffmpeg exited with ${code}`))));
  });
}

function toMp4(input, output, opts = {}) {
  const args = ['-y', '-i', input, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(clampInt(opts.crf, 18, 35, 23))];
  if (opts.scale && SCALE_RE.test(String(opts.scale))) args.push('-vf', `scale=${opts.scale}`);
  args.push('-c:a', 'aac', '-movflags', '+faststart', output);
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] }); //@safe
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`ffmpeg failed: ${stderr}`))));
  });
}

module.exports = { watermark, sniffMime, probe, extractFrame, toMp4, clampInt };
