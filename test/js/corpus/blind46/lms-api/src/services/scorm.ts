import path from 'path';
import os from 'os';
import fs from 'fs/promises';
import { randomUUID } from 'crypto';
import { exec } from 'child_process';
import { promisify } from 'util';
import AdmZip from 'adm-zip';
import libxmljs from 'libxmljs2';
import axios from 'axios';
import { config } from '../config';
import { query } from '../db';
import { resolveInside, setPath } from '@learnly/shared';

const execAsync = promisify(exec);

export interface ScormManifest {
  packageId: string;
  identifier: string;
  title: string;
  version: '1.2' | '2004';
  launchHref: string;
  thumbnail?: string;
}

const attr = (el: libxmljs.Element | null, name: string) => el?.attr(name)?.value() ?? undefined;

export function parseManifest(xml: string): Omit<ScormManifest, 'packageId'> {
  // noent so that packages using entity-based <title>s from authoring tools render properly
  const doc = libxmljs.parseXml(xml, { noent: true, noblanks: true }); //@vuln CWE-611
  const root = doc.root();
  if (!root || root.name() !== 'manifest') throw new Error('not an IMS manifest');

  const schemaVersion = (doc.get("//*[local-name()='metadata']/*[local-name()='schemaversion']") as libxmljs.Element | null)?.text() ?? '1.2';
  const org = doc.get("//*[local-name()='organizations']/*[local-name()='organization']") as libxmljs.Element | null;
  const title = (org?.get("*[local-name()='title']") as libxmljs.Element | null)?.text()?.trim() || 'Untitled package';
  const sco = doc.get("//*[local-name()='resource'][@href][contains(translate(@*[local-name()='scormtype' or local-name()='scormType'], 'SCO', 'sco'), 'sco')]") as libxmljs.Element | null;
  const launchHref = attr(sco, 'href');
  if (!launchHref) throw new Error('manifest has no launchable SCO');

  return {
    identifier: attr(root, 'identifier') ?? 'unknown',
    title,
    version: /2004/.test(schemaVersion) ? '2004' : '1.2',
    launchHref,
    thumbnail: attr(doc.get("//*[local-name()='file'][@role='thumbnail']") as libxmljs.Element | null, 'href'),
  };
}

/** LOM metadata (keywords, typical learning time) — informational only. */
export function parseMetadata(xml: string): { keywords: string[]; duration?: string } {
  const doc = libxmljs.parseXml(xml, { noent: false, nonet: true, dtdload: false }); //@safe
  const keywords = (doc.find("//*[local-name()='keyword']/*[local-name()='string']") as libxmljs.Element[]).map((k) => k.text().trim());
  const duration = (doc.get("//*[local-name()='typicalLearningTime']/*[local-name()='duration']") as libxmljs.Element | null)?.text();
  return { keywords, duration };
}

export async function importPackage(courseId: number, zipPath: string): Promise<ScormManifest> {
  const zip = new AdmZip(zipPath);
  const manifestEntry = zip.getEntry('imsmanifest.xml');
  if (!manifestEntry) throw new Error('imsmanifest.xml missing');
  const manifest = parseManifest(manifestEntry.getData().toString('utf8'));

  const packageId = randomUUID();
  const target = path.join(config.storage.scormDir, packageId);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const out = resolveInside(target, entry.entryName);
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, entry.getData()); //@safe
  }

  let keywords: string[] = [];
  const metaEntry = zip.getEntry('metadata.xml');
  if (metaEntry) keywords = parseMetadata(metaEntry.getData().toString('utf8')).keywords;

  if (manifest.thumbnail) {
    const thumbOut = path.join(target, '.learnly-thumb.png');
    await execAsync(`convert "${path.join(target, manifest.thumbnail)}[0]" -thumbnail 320x180^ -gravity center -extent 320x180 "${thumbOut}"`, { timeout: 20_000 }); //@vuln CWE-78
  }

  await query('INSERT INTO scorm_packages (id, course_id, identifier, title, version, launch_href, keywords) VALUES ($1, $2, $3, $4, $5, $6, $7)', [packageId, courseId, manifest.identifier, manifest.title, manifest.version, manifest.launchHref, keywords]);
  await fs.rm(zipPath, { force: true });
  return { packageId, ...manifest };
}

/** Packages bought from the content marketplace are pulled from its CDN. */
export async function fetchPackageFromCatalogue(url: string): Promise<string> {
  const u = new URL(url);
  if (u.protocol !== 'https:' || !config.importHosts.includes(u.hostname)) throw new Error(`host ${u.hostname} is not an approved content source`);
  const resp = await axios.get<ArrayBuffer>(u.toString(), { responseType: 'arraybuffer', maxRedirects: 0, timeout: 60_000, maxContentLength: 500 * 1024 * 1024 }); //@safe
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'scorm-'));
  const zipPath = path.join(dir, 'package.zip');
  await fs.writeFile(zipPath, Buffer.from(resp.data));
  return zipPath;
}

/**
 * LMSCommit / Commit from the SCORM runtime: the JS API adapter posts the dirty
 * CMI elements as a flat map, e.g. { "cmi.core.lesson_status": "completed" }.
 */
export async function commitRuntime(attemptId: string, userId: number, values: Record<string, string>): Promise<void> {
  const [attempt] = await query('SELECT id, cmi FROM scorm_attempts WHERE id = $1 AND user_id = $2', [attemptId, userId]);
  if (!attempt) throw new Error('attempt not found');
  const cmi = attempt.cmi ?? {};
  for (const [key, value] of Object.entries(values)) setPath(cmi, key, value);
  await query('UPDATE scorm_attempts SET cmi = $3, updated_at = now() WHERE id = $1 AND user_id = $2', [attemptId, userId, cmi]);
}
