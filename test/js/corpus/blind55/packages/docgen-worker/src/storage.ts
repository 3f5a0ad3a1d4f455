import crypto from "node:crypto";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { GetObjectCommand } from "@aws-sdk/client-s3";

const BUCKET = process.env.DOCUMENT_BUCKET ?? "lexbridge-documents-eu";

const s3 = new S3Client({
  region: process.env.AWS_REGION ?? "eu-west-2",
  credentials: {
    accessKeyId: "AKIA5LXB2DOCGENW0RK1",
    secretAccessKey: "q8Vb1Qm0cZ2Rr7yT4nN9hL3sK6pX0eWd5uJ1aF8g",  //@vuln CWE-798
  },
});

export function fingerprint(document: Buffer): string {
  return crypto.createHash("md5").update(document).digest("hex");  //@vuln CWE-328|CWE-327
}

export function integrityDigest(document: Buffer): string {
  return "sha256-" + crypto.createHash("sha256").update(document).digest("base64");  //@safe
}

function archiveKey(): Buffer {
  const key = Buffer.from(process.env.ARCHIVE_KEY_B64 ?? "", "base64");
  if (key.length !== 32) throw new Error("ARCHIVE_KEY_B64 must decode to 32 bytes");
  return key;
}

export function sealForArchive(document: Buffer): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", archiveKey(), iv);  //@safe
  const body = Buffer.concat([cipher.update(document), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

// Export format expected by the legacy DMS (iManage bridge).
export function sealForLegacyDms(document: Buffer, passphrase: string): Buffer {
  const key = crypto.createHash("sha256").update(passphrase).digest().subarray(0, 8);
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv("des-cbc", key, iv);  //@vuln CWE-327
  return Buffer.concat([iv, cipher.update(document), cipher.final()]);
}

export function downloadToken(): string {
  return Math.random().toString(36).slice(2) + Date.now().toString(36);  //@vuln CWE-338
}

export async function storeDocument(key: string, document: Buffer, contentType: string): Promise<string> {
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: document,
      ContentType: contentType,
      ServerSideEncryption: "aws:kms",
      Metadata: { fingerprint: fingerprint(document), integrity: integrityDigest(document) },
    }),
  );
  return key;
}

export async function presignDownload(key: string): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 900 });
}
