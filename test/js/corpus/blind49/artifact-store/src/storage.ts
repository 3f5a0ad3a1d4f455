import fs from 'fs';
import path from 'path';
import Database from 'better-sqlite3';
import AdmZip from 'adm-zip';
import { resolveInside } from '@platform/shared/util';

export const ARTIFACT_ROOT = process.env.ARTIFACT_ROOT || '/srv/artifacts';

const db = new Database(path.join(ARTIFACT_ROOT, 'index.db'));
db.pragma('journal_mode = WAL');

export interface Artifact {
  id: number;
  project: string;
  branch: string;
  build: number;
  name: string;
  path: string;
  size: number;
  created_at: string;
}

export function findArtifacts(project: string, branch?: string, name?: string): Artifact[] {
  let sql = `SELECT * FROM artifacts WHERE project = '${project}'`;
  if (branch) sql += ` AND branch = '${branch}'`;
  if (name) sql += ' AND name LIKE ?';
  const stmt = db.prepare(sql + ' ORDER BY build DESC LIMIT 200'); //@vuln CWE-89
  return (name ? stmt.all(`%${name}%`) : stmt.all()) as Artifact[];
}

export function getArtifact(id: number): Artifact | undefined {
  return db.prepare('SELECT * FROM artifacts WHERE id = ?').get(id) as Artifact | undefined; //@safe
}

export function insertArtifact(a: Omit<Artifact, 'id' | 'created_at'>): number {
  const info = db.prepare('INSERT INTO artifacts (project, branch, build, name, path, size) VALUES (@project, @branch, @build, @name, @path, @size)').run(a);
  return Number(info.lastInsertRowid);
}

export function purgeOlderThan(days: string): number {
  const info = db.prepare(`DELETE FROM artifacts WHERE created_at < datetime('now', '-${days} days')`).run(); //@vuln CWE-89
  return info.changes;
}

export function buildDir(project: string, build: number): string {
  return path.join(ARTIFACT_ROOT, project, String(build));
}

export function logFile(project: string, build: string, file: string): string {
  return path.join(ARTIFACT_ROOT, project, build, 'logs', file);
}

/** Unpacks a build bundle (dist/, logs/, reports/) uploaded by CI. */
export function extractBundle(zipPath: string, destDir: string): string[] {
  const zip = new AdmZip(zipPath);
  const written: string[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(destDir, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
    written.push(entry.entryName);
  }
  return written;
}

/** Coverage reports come from forks too, so these get the strict treatment. */
export function extractCoverage(zipPath: string, destDir: string): string[] {
  const zip = new AdmZip(zipPath);
  const written: string[] = [];
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = resolveInside(destDir, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@safe
    written.push(path.relative(destDir, target));
  }
  return written;
}
