import AdmZip from 'adm-zip';
import fsp from 'node:fs/promises';
import path from 'node:path';

export type ExtractResult = { files: string[]; skipped: string[] };

export async function extractBundle(zipPath: string, destDir: string): Promise<ExtractResult> {
  const zip = new AdmZip(zipPath);
  const result: ExtractResult = { files: [], skipped: [] };
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(destDir, entry.entryName);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(target, entry.getData()); //@vuln CWE-22
    result.files.push(target);
  }
  return result;
}

export async function extractBundleStrict(zipPath: string, destDir: string): Promise<ExtractResult> {
  const zip = new AdmZip(zipPath);
  const root = path.resolve(destDir);
  const result: ExtractResult = { files: [], skipped: [] };
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.resolve(root, entry.entryName);
    if (!target.startsWith(root + path.sep)) {
      result.skipped.push(entry.entryName);
    } else {
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.writeFile(target, entry.getData()); //@safe
      result.files.push(target);
    }
  }
  return result;
}
