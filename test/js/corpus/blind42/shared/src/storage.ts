// File-system helpers for avatars, e-mail templates and exports.
import fs from 'fs';
import os from 'os';
import path from 'path';

export const AVATAR_ROOT = path.resolve(process.env.AVATAR_DIR || '/var/lib/idp/avatars');
export const TEMPLATE_ROOT = path.resolve(process.env.TEMPLATE_DIR || path.join(__dirname, '..', 'templates'));

export async function readAvatar(fileName: string): Promise<Buffer> {
  return fs.promises.readFile(path.join(AVATAR_ROOT, fileName)); //@vuln CWE-22
}

export async function saveAvatar(userId: string, data: Buffer): Promise<string> {
  const name = `${userId.replace(/[^a-zA-Z0-9-]/g, '')}.png`;
  await fs.promises.writeFile(path.join(AVATAR_ROOT, name), data);
  return name;
}

/** Load an e-mail template by logical name, e.g. "reset-password.pug". */
export async function readTemplate(name: string): Promise<string> {
  const resolved = path.resolve(TEMPLATE_ROOT, name);
  if (!resolved.startsWith(TEMPLATE_ROOT + path.sep)) {
    throw new Error('invalid template name');
  }
  return fs.promises.readFile(resolved, 'utf8'); //@safe
}

/** Scratch file for CSV exports; caller deletes it after streaming. */
export function writeExportScratch(contents: string): string {
  const file = path.join('/tmp', `idp-export-${process.pid}-${Date.now()}.csv`);
  fs.writeFileSync(file, contents); //@vuln CWE-377
  return file;
}

/** Private working dir for avatar conversion. */
export function makeWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'idp-avatar-')); //@safe
}
