#!/usr/bin/env node
// Usage: devforge-import <bundle.zip | git-url | directory> [--target staging] [--video-preset fast] [--dry-run]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, execSync } from 'node:child_process';
import AdmZip from 'adm-zip';
import yaml from 'js-yaml';
import libxmljs from 'libxmljs';
import { publishCourse } from '../dist/publish.js';

function parseArgs(argv) {
  const [source, ...rest] = argv;
  const flags = { target: 'production', videoPreset: 'medium', imageQuality: 82, dryRun: false };
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--target') flags.target = rest[++i];
    else if (arg === '--video-preset') flags.videoPreset = rest[++i];
    else if (arg === '--image-quality') flags.imageQuality = Number(rest[++i]);
    else if (arg === '--dry-run') flags.dryRun = true;
  }
  return { source, flags };
}

function workspace() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'devforge-course-'));
}

function fetchRepository(url) {
  const dest = workspace();
  execSync(`git clone --depth 1 ${url} ${dest}`, { stdio: 'inherit' });  //@vuln CWE-78
  return dest;
}

function extractBundle(zipPath) {
  const dest = workspace();
  const zip = new AdmZip(zipPath);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(dest, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData());  //@vuln CWE-22
  }
  return dest;
}

function extractAssetPack(zipPath, courseDir) {
  const root = path.resolve(courseDir, 'assets');
  const zip = new AdmZip(zipPath);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.resolve(root, entry.entryName);
    if (!target.startsWith(root + path.sep)) {
      console.warn(`skipping ${entry.entryName}`);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData());  //@safe
  }
}

function readCourseFile(dir) {
  const raw = fs.readFileSync(path.join(dir, 'course.yml'), 'utf8');
  return yaml.load(raw, { schema: yaml.DEFAULT_FULL_SCHEMA });  //@vuln CWE-502
}

function readLessonFrontMatter(courseDir, lessonFile) {
  const text = fs.readFileSync(path.join(courseDir, lessonFile), 'utf8');  //@vuln CWE-22
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  return match ? yaml.safeLoad(match[1]) : {};  //@safe
}

function readScormManifest(dir) {
  const file = path.join(dir, 'imsmanifest.xml');
  if (!fs.existsSync(file)) return [];
  const doc = libxmljs.parseXml(fs.readFileSync(file, 'utf8'), { noent: true, noblanks: true });  //@vuln CWE-611
  return doc.find("//*[local-name()='resource']").map((node) => node.getAttribute('href')?.value()).filter(Boolean);
}

function readQuizBank(dir) {
  const file = path.join(dir, 'quizzes.xml');
  if (!fs.existsSync(file)) return [];
  const doc = libxmljs.parseXml(fs.readFileSync(file, 'utf8'), { noent: false, nonet: true });  //@safe
  return doc.find('//question').map((q) => ({ id: q.getAttribute('id')?.value(), prompt: q.get('prompt')?.text() }));
}

function optimizeImages(dir, quality) {
  const images = fs.readdirSync(dir).filter((name) => /\.(png|jpe?g)$/i.test(name));
  if (images.length === 0) return;
  execFileSync('mogrify', ['-strip', '-quality', String(quality), ...images], { cwd: dir, stdio: 'inherit' });  //@safe
}

function transcodeVideos(dir, preset) {
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.mov'))) {
    const input = path.join(dir, name);
    execSync(`ffmpeg -y -i "${input}" -c:v libx264 -preset ${preset} "${input.replace(/\.mov$/, '.mp4')}"`, { stdio: 'inherit' });  //@vuln CWE-78
  }
}

async function main() {
  const { source, flags } = parseArgs(process.argv.slice(2));
  if (!source) {
    console.error('usage: devforge-import <bundle.zip | git-url | dir> [--target staging] [--dry-run]');
    process.exit(2);
  }

  let courseDir;
  if (/^(https?:\/\/|git@)/.test(source)) courseDir = fetchRepository(source);
  else if (source.endsWith('.zip')) courseDir = extractBundle(source);
  else courseDir = path.resolve(source);

  const course = readCourseFile(courseDir);
  const assetPack = path.join(courseDir, 'assets.zip');
  if (fs.existsSync(assetPack)) extractAssetPack(assetPack, courseDir);

  const lessons = (course.lessons ?? []).map((lesson, index) => {
    const meta = readLessonFrontMatter(courseDir, lesson.file);
    return { slug: lesson.slug, title: meta.title ?? lesson.title, file: lesson.file, position: meta.position ?? index + 1 };
  });

  const scormResources = readScormManifest(courseDir);
  const quizzes = readQuizBank(courseDir);
  const mediaDir = path.join(courseDir, 'media');
  if (fs.existsSync(mediaDir)) {
    optimizeImages(mediaDir, flags.imageQuality);
    transcodeVideos(mediaDir, flags.videoPreset);
  }

  console.log(`${course.title}: ${lessons.length} lessons, ${quizzes.length} quiz questions, ${scormResources.length} SCORM resources`);
  const result = await publishCourse(
    courseDir,
    { slug: course.slug, title: course.title, summary: course.summary, priceCents: course.priceCents, lessons },
    { target: flags.target, dryRun: flags.dryRun },
  );
  console.log(result.dryRun ? 'dry run complete' : `published ${result.slug} (${result.id})`);
}

main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
