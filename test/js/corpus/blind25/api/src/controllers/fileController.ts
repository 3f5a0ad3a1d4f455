import fs from 'fs';
import fsp from 'fs/promises';
import os from 'os';
import path from 'path';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import AdmZip from 'adm-zip';
import { config } from '../../../shared/config';
import { resolveInside, toCsv, HttpError } from '../utils/helpers';
import { userRepo } from '../repositories/userRepo';
import { wrap } from './userController';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const THUMB_SIZES: Record<string, string> = { sm: '128x128', md: '320x320', lg: '640x640' };

export const download = wrap(async (req, res) => {
  const file = path.join(config.uploadDir, req.params.name);
  res.download(file); //@vuln CWE-22
});

export const inline = wrap(async (req, res) => {
  res.sendFile(req.params.name, { root: config.uploadDir, dotfiles: 'deny' }); //@safe
});

export const attachment = wrap(async (req, res) => {
  const full = resolveInside(path.join(config.uploadDir, 'attachments'), String(req.query.path));
  const data = await fsp.readFile(full); //@safe
  res.type(path.extname(full)).send(data);
});

export const removeUpload = wrap(async (req, res) => {
  const target = `${config.uploadDir}/${req.user!.id}/${req.body.file}`;
  await fsp.unlink(target); //@vuln CWE-22
  res.status(204).end();
});

export const importArchive = wrap(async (req, res) => {
  if (!req.file) throw new HttpError(400, 'archive required');
  const zip = new AdmZip(req.file.buffer);
  const dest = path.join(config.uploadDir, 'imports', String(req.user!.id));
  let count = 0;
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const out = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.getData()); //@vuln CWE-22
    count++;
  }
  res.json({ imported: count });
});

export const thumbnail = wrap(async (req, res) => {
  const src = resolveInside(config.uploadDir, req.params.name);
  const out = path.join(config.uploadDir, '.thumbs', `${path.basename(src)}.png`);
  const size = String(req.query.size ?? '128x128');
  await execAsync(`convert "${src}" -thumbnail ${size} "${out}"`); //@vuln CWE-78
  res.sendFile(out);
});

export const preset = wrap(async (req, res) => {
  const src = resolveInside(config.uploadDir, req.params.name);
  const size = THUMB_SIZES[String(req.query.preset)] ?? THUMB_SIZES.sm;
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'thumb-')); //@safe
  const out = path.join(dir, 'out.png');
  await execFileAsync('convert', [src, '-thumbnail', size, out]); //@safe
  res.sendFile(out);
});

export const bundle = wrap(async (req, res) => {
  const files: string[] = Array.isArray(req.body.files) ? req.body.files : [];
  const archive = path.join(config.reportDir, `bundle-${req.user!.id}.tar.gz`);
  await execAsync(`tar -czf ${archive} -C ${config.uploadDir} ${files.join(' ')}`); //@vuln CWE-78
  res.download(archive);
});

export const fileInfo = wrap(async (req, res) => {
  const full = resolveInside(config.uploadDir, String(req.query.name));
  const { stdout } = await execFileAsync('file', ['--mime-type', '-b', full]);
  res.json({ mime: stdout.trim() });
});

export const exportUsers = wrap(async (req, res) => {
  const rows = await userRepo.search(String(req.query.q ?? ''), 'email', 'asc');
  const tmp = path.join(os.tmpdir(), `users-export-${Date.now()}.csv`);
  fs.writeFileSync(tmp, toCsv(rows)); //@vuln CWE-377
  const email = String(req.query.notify ?? '');
  if (email) {
    await execAsync(`echo "Your export is attached" | mail -s "User export" -A ${tmp} ${email}`); //@vuln CWE-78
  }
  res.download(tmp, 'users.csv');
});
