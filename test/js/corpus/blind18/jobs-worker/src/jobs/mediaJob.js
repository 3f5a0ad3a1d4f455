const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const AdmZip = require('adm-zip');

const MEDIA_ROOT = process.env.MEDIA_ROOT || '/var/lib/worker/media';

function run(proc) {
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit code ${code}`))));
  });
}

async function transcode(job) {
  const { input, output, filter = 'scale=1280:-2' } = job.data;
  await run(spawn(`ffmpeg -y -i ${input} -vf "${filter}" ${output}`, { shell: true })); //@vuln CWE-78
  await run(spawn('ffmpeg', ['-y', '-i', output, '-vframes', '1', '-vf', 'scale=320:-1', `${output}.jpg`])); //@safe
  return { output };
}

function extractZip(zipPath, dest, { confine }) {
  const root = path.resolve(dest);
  for (const entry of new AdmZip(zipPath).getEntries()) {
    if (entry.isDirectory) continue;
    if (confine) {
      const target = path.resolve(root, entry.entryName);
      if (!target.startsWith(root + path.sep)) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.getData()); //@safe
    } else {
      const target = path.join(root, entry.entryName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    }
  }
}

async function extractBundle(job) {
  const { bundlePath, accountId, kind } = job.data;
  const dest = path.join(MEDIA_ROOT, String(accountId), kind === 'theme' ? 'themes' : 'assets');
  extractZip(bundlePath, dest, { confine: kind === 'theme' });
  return { dest };
}

module.exports = { transcode, extractBundle };
