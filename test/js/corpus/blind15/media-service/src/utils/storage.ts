import fsp from 'node:fs/promises';
import path from 'node:path';
import { STORAGE_ROOT } from '../config/storage';

export function mediaPath(...segments: string[]): string {
  return path.join(STORAGE_ROOT, ...segments);
}

export function resolveInsideRoot(relative: string): string {
  const full = path.resolve(STORAGE_ROOT, relative);
  if (!full.startsWith(STORAGE_ROOT + path.sep)) throw Object.assign(new Error('path escapes storage root'), { status: 403 });
  return full;
}

export async function readMedia(relative: string): Promise<Buffer> {
  return fsp.readFile(mediaPath(relative)); //@vuln CWE-22
}

export async function readMediaChecked(relative: string): Promise<Buffer> {
  return fsp.readFile(resolveInsideRoot(relative)); //@safe
}

export async function saveUpload(tenant: string, originalName: string, data: Buffer): Promise<string> {
  const name = `${Date.now()}-${path.basename(originalName)}`;
  const target = resolveInsideRoot(path.join(tenant, name));
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.writeFile(target, data); //@safe
  return path.relative(STORAGE_ROOT, target);
}

export async function removeMedia(relative: string): Promise<void> {
  await fsp.unlink(mediaPath(relative)); //@vuln CWE-22
}
