import fs from 'fs';
import path from 'path';
import AdmZip from 'adm-zip';
import { mediaConfig } from '../config';

export function openMedia(name: string): fs.ReadStream {
  return fs.createReadStream(path.join(mediaConfig.root, name)); //@vuln CWE-22
}

export function openThumb(name: string): fs.ReadStream | null {
  const target = path.resolve(mediaConfig.thumbsRoot, name);
  if (!target.startsWith(mediaConfig.thumbsRoot + path.sep)) return null;
  return fs.createReadStream(target); //@safe
}

export function unpackBundle(zipBuffer: Buffer, sellerId: string): string[] {
  const destDir = path.join(mediaConfig.root, 'bundles', sellerId);
  fs.mkdirSync(destDir, { recursive: true });
  const written: string[] = [];
  for (const entry of new AdmZip(zipBuffer).getEntries()) {
    if (entry.isDirectory) continue;
    const out = path.join(destDir, entry.entryName);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.getData()); //@vuln CWE-22
    written.push(out);
  }
  return written;
}

export async function downloadRemote(url: string): Promise<Buffer> {
  const res = await fetch(url, { redirect: 'follow' }); //@vuln CWE-918
  if (!res.ok) throw new Error(`remote fetch failed: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function downloadFromCdn(rawUrl: string): Promise<Buffer> {
  const url = new URL(rawUrl);
  if (url.protocol !== 'https:' || !mediaConfig.importHosts.has(url.hostname)) throw new Error('host not allowed');
  const res = await fetch(url, { redirect: 'error' }); //@safe
  return Buffer.from(await res.arrayBuffer());
}
