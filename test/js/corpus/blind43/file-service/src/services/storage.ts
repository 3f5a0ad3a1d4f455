import fs from 'fs';
import fsp from 'fs/promises';
import path from 'path';
import { execSync } from 'child_process';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from '../../../common/config';
import { resolveInside, sanitizeFilename } from '../../../common/security';

export function tenantDir(tenantId: string): string {
  const dir = resolveInside(config.storageRoot, 'tenants', tenantId);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function removeFolder(tenantId: string, folder: string): Promise<void> {
  const target = path.join(tenantDir(tenantId), folder);
  await fsp.rm(target, { recursive: true, force: true }); //@vuln CWE-22
}

/** Synchronous scan used on the regular upload path. Returns false when infected. */
export function scanForViruses(filePath: string): boolean {
  try {
    execSync(`clamscan --no-summary --infected "${filePath}"`, { timeout: 60_000 }); //@vuln CWE-78
    return true;
  } catch (err: any) {
    if (err.status === 1) return false;
    throw err;
  }
}

// ---- S3 (large files are offloaded to the bucket, local disk keeps a stub) ----

const s3 = new S3Client({
  region: config.s3.region,
  credentials: { accessKeyId: 'AKIA4QW7ZP2NXLR6TD3M', secretAccessKey: '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' }, //@vuln CWE-798
});

export async function presignDownload(tenantId: string, objectKey: string, filename: string): Promise<string> {
  const disposition = `attachment; filename="${sanitizeFilename(filename)}"`;
  const cmd = new GetObjectCommand({ Bucket: config.s3.bucket, Key: `${tenantId}/${objectKey}`, ResponseContentDisposition: disposition });
  return getSignedUrl(s3, cmd, { expiresIn: 900 });
}
