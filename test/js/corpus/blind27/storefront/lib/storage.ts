import { S3Client, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createHash } from "crypto";
import fs from "fs/promises";
import path from "path";

const s3 = new S3Client({
  region: process.env.AWS_REGION ?? "us-east-1",
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "AKIAQ3EGT5XZ7NVK2W4P", secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "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" }, //@vuln CWE-798
});

const BUCKET = process.env.S3_BUCKET ?? "storefront-media";
const LOCAL_MEDIA_ROOT = path.join(process.cwd(), "public", "media");
const INVOICE_ROOT = path.join(process.cwd(), "storage", "invoices");
const CDN_HOSTS = new Set(["cdn.shopify.com", "images.unsplash.com", "utfs.io"]);

export function contentHash(buf: Buffer): string {
  return createHash("sha256").update(buf).digest("hex").slice(0, 16);
}

export async function presignUpload(userId: string, filename: string, contentType: string) {
  const key = `uploads/${userId}/${Date.now()}-${path.basename(filename).replace(/[^\w.-]/g, "_")}`;
  const cmd = new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: contentType });
  return { key, url: await getSignedUrl(s3, cmd, { expiresIn: 300 }) };
}

// Local fallback for dev / self-hosted installs without S3.
export async function readLocalMedia(relPath: string) {
  const full = path.join(LOCAL_MEDIA_ROOT, relPath);
  return fs.readFile(full); //@vuln CWE-22
}

export async function readInvoice(orderId: string, file: string) {
  const full = path.resolve(INVOICE_ROOT, orderId, file);
  if (!full.startsWith(INVOICE_ROOT + path.sep)) throw new Error("invalid invoice path");
  return fs.readFile(full); //@safe
}

/** Pulls a product image from a supplier URL and re-hosts it on S3. */
export async function importRemoteImage(imageUrl: string, productId: string) {
  const res = await fetch(imageUrl, { headers: { "user-agent": "storefront-importer/1.2" } }); //@vuln CWE-918
  if (!res.ok) throw new Error(`image fetch failed: ${res.status}`);
  const buf = Buffer.from(await res.arrayBuffer());
  const key = `products/${productId}/${contentHash(buf)}.jpg`;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: buf, ContentType: res.headers.get("content-type") ?? "image/jpeg" }));
  return key;
}

export async function importFromCdn(imageUrl: string) {
  const u = new URL(imageUrl);
  if (u.protocol !== "https:" || !CDN_HOSTS.has(u.hostname)) throw new Error("host not allowed");
  const res = await fetch(u, { redirect: "error" }); //@safe
  return Buffer.from(await res.arrayBuffer());
}

export async function getObjectStream(key: string) {
  const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return out.Body;
}
