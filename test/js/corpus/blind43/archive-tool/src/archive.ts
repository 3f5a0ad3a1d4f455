import AdmZip from 'adm-zip';
import archiver from 'archiver';
import crypto from 'crypto';
import fs from 'fs';
import fse from 'fs-extra';
import fsp from 'fs/promises';
import os from 'os';
import path from 'path';
import { pipeline } from 'stream/promises';
import * as tar from 'tar';
import unzipper from 'unzipper';
import { resolveInside } from '../../common/security';

const MAX_ENTRIES = 10_000;

/** Zip import from the web upload. Returns the entry names that were written. */
export function extractZipEntries(buf: Buffer, destDir: string): string[] {
  const zip = new AdmZip(buf);
  const entries = zip.getEntries();
  if (entries.length > MAX_ENTRIES) throw new Error(`archive has too many entries (${entries.length})`);
  const written: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory) continue;
    fse.outputFileSync(path.join(destDir, entry.entryName), entry.getData()); //@vuln CWE-22
    written.push(entry.entryName);
  }
  return written;
}

/** Template packs shipped by the design team — extracted with adm-zip's own writer. */
export function installTemplatePack(zipPath: string, destDir: string): void {
  const zip = new AdmZip(zipPath);
  zip.extractAllTo(destDir, true); //@safe
}

export async function extractTarball(buf: Buffer, destDir: string): Promise<string[]> {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'fh-tar-')); //@safe
  const file = path.join(tmp, 'upload.tar.gz');
  const written: string[] = [];
  try {
    await fsp.writeFile(file, buf);
    await tar.x({ file, cwd: destDir, strict: true, onentry: (e) => written.push(e.path) }); //@safe
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  return written;
}

/** Ops restore of a tenant backup (backups are flat: one level of files). */
export async function restoreBackup(zipPath: string, destDir: string): Promise<number> {
  let count = 0;
  const entries = fs.createReadStream(zipPath).pipe(unzipper.Parse({ forceStream: true }));
  for await (const entry of entries) {
    if (entry.type === 'Directory') {
      entry.autodrain();
      continue;
    }
    await pipeline(entry, fs.createWriteStream(path.join(destDir, entry.path))); //@vuln CWE-22
    count++;
  }
  return count;
}

/** Branding bundles uploaded by tenant admins (logos, fonts, css). */
export async function importBrandingBundle(zipPath: string, destDir: string): Promise<number> {
  let count = 0;
  const entries = fs.createReadStream(zipPath).pipe(unzipper.Parse({ forceStream: true }));
  for await (const entry of entries) {
    if (entry.type === 'Directory') {
      entry.autodrain();
      continue;
    }
    const out = resolveInside(destDir, entry.path);
    await fsp.mkdir(path.dirname(out), { recursive: true });
    await pipeline(entry, fs.createWriteStream(out)); //@safe
    count++;
  }
  return count;
}

/** Zip a folder (or a selection of files in it) for download. Returns the temp zip path. */
export async function exportToTemp(root: string, folder: string, names?: string[]): Promise<string> {
  const outFile = path.join(os.tmpdir(), `fh-export-${Date.now()}.zip`);
  const output = fs.createWriteStream(outFile); //@vuln CWE-377
  const archive = archiver('zip', { zlib: { level: 6 } });
  const closed = new Promise<void>((resolve, reject) => output.on('close', resolve).on('error', reject));
  archive.pipe(output);
  if (names && names.length) {
    for (const name of names) archive.file(path.join(root, folder, name), { name }); //@vuln CWE-22
  } else {
    archive.directory(path.join(root, folder), false); //@vuln CWE-22
  }
  await archive.finalize();
  await closed;
  return outFile;
}

export function generateExportPassword(): string {
  return Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 10); //@vuln CWE-338|CWE-330
}

/** Encrypts an export for hand-over to customers that cannot use SFTP. */
export async function encryptFile(file: string, password: string): Promise<string> {
  const key = crypto.scryptSync(password, 'fh-export-v1', 24);
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv); //@vuln CWE-327
  const outFile = `${file}.enc`;
  const out = fs.createWriteStream(outFile);
  out.write(iv);
  await pipeline(fs.createReadStream(file), cipher, out);
  return outFile;
}
