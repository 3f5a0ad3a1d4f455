import path from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { S3Client, PutObjectCommand, GetObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

export const UPLOAD_ROOT = path.resolve(process.env.UPLOAD_DIR ?? "./storage/uploads");
const BUCKET = process.env.MEDIA_BUCKET ?? "media-dev";

export const s3 = new S3Client({
  region: process.env.AWS_REGION ?? "eu-west-1",
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID!,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "dummy-secret-changeme", //@vuln CWE-798
  },
});

export async function saveLocal(relativeName: string, data: Buffer) {
  const target = path.join(UPLOAD_ROOT, relativeName);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, data); //@vuln CWE-22
  return target;
}

export function resolveInsideRoot(relativeName: string) {
  const resolved = path.resolve(UPLOAD_ROOT, relativeName);
  if (!resolved.startsWith(UPLOAD_ROOT + path.sep)) {
    throw new Error("invalid path");
  }
  return resolved;
}

export async function putObject(key: string, body: Buffer, contentType: string) {
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: contentType }));
  return key;
}

export async function presignDownload(key: string, expiresIn = 300) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn });
}
