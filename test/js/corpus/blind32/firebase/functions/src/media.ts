// Storage trigger: post-processes everything users upload under uploads/{uid}/...
import type { CloudEvent } from "firebase-functions/v2";
import type { StorageObjectData } from "firebase-functions/v2/storage";
import { getStorage } from "firebase-admin/storage";
import { getFirestore, FieldValue } from "firebase-admin/firestore";
import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

type Bucket = ReturnType<ReturnType<typeof getStorage>["bucket"]>;

export async function handleUpload(event: CloudEvent<StorageObjectData>): Promise<void> {
  const object = event.data;
  const objectPath = object.name ?? "";
  const match = /^uploads\/([^/]+)\/(.+)$/.exec(objectPath);
  if (!match) return;
  const [, uid, relName] = match;

  const bucket = getStorage().bucket(object.bucket);
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "media-"));
  const localPath = path.join(workDir, path.basename(relName));
  await bucket.file(objectPath).download({ destination: localPath }); //@safe

  const metadata = (object.metadata ?? {}) as Record<string, string>;
  try {
    if (object.contentType === "application/zip") {
      await extractBundle(bucket, localPath, uid);
    } else if (object.contentType === "application/x-jotter-theme") {
      await unpackTheme(bucket, localPath, uid);
    } else if (object.contentType?.startsWith("video/")) {
      await videoPoster(bucket, localPath, uid, metadata);
    } else if (object.contentType?.startsWith("image/")) {
      await imageThumb(bucket, localPath, uid, metadata);
    }
    await getFirestore().doc(`users/${uid}`).set({ lastUploadAt: FieldValue.serverTimestamp() }, { merge: true });
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

async function videoPoster(bucket: Bucket, localPath: string, uid: string, metadata: Record<string, string>) {
  const poster = `${localPath}.jpg`;
  const at = metadata.posterAt ?? "00:00:01";
  await execAsync(`ffmpeg -y -ss ${at} -i "${localPath}" -frames:v 1 "${poster}"`); //@vuln CWE-78
  await bucket.upload(poster, { destination: `posters/${uid}/${path.basename(poster)}` });
}

async function imageThumb(bucket: Bucket, localPath: string, uid: string, metadata: Record<string, string>) {
  const thumb = `${localPath}.thumb.webp`;
  await execFileAsync("convert", [localPath, "-auto-orient", "-resize", "512x512>", thumb]); //@safe
  if (metadata.caption) {
    await execAsync(`convert "${thumb}" -gravity south -pointsize 18 -annotate +0+8 "${metadata.caption}" "${thumb}"`); //@vuln CWE-78
  }
  await bucket.upload(thumb, { destination: `thumbs/${uid}/${path.basename(thumb)}`, metadata: { contentType: "image/webp" } });
}

// Note bundles exported from the desktop app: a zip of markdown files plus assets.
async function extractBundle(bucket: Bucket, zipPath: string, uid: string) {
  const zip = new AdmZip(zipPath);
  const outDir = path.join(path.dirname(zipPath), "bundle");
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(outDir, entry.entryName);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, entry.getData()); //@vuln CWE-22
    await bucket.upload(target, { destination: `bundles/${uid}/${entry.entryName}` });
  }
}

// Themes are also zips, but only css/fonts/images at the top level are kept.
async function unpackTheme(bucket: Bucket, zipPath: string, uid: string) {
  const zip = new AdmZip(zipPath);
  const outDir = path.resolve(path.dirname(zipPath), "theme");
  await fs.mkdir(outDir, { recursive: true });
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory || !/\.(css|woff2?|png|svg)$/i.test(entry.entryName)) continue;
    const target = path.resolve(outDir, entry.entryName);
    if (!target.startsWith(outDir + path.sep)) continue;
    await fs.writeFile(target, entry.getData()); //@safe
    await bucket.upload(target, { destination: `themes/${uid}/${path.basename(target)}` });
  }
}
