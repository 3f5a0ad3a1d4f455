import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import axios, { AxiosInstance } from 'axios';
import FormData from 'form-data';

export interface CourseManifest {
  slug: string;
  title: string;
  summary?: string;
  priceCents?: number;
  lessons: { slug: string; title: string; file: string; position: number }[];
}

export interface PublishOptions {
  target: 'production' | 'staging';
  dryRun?: boolean;
  log?: (message: string) => void;
}

const API_BASE: Record<PublishOptions['target'], string> = {
  production: process.env.DEVFORGE_API_URL ?? 'https://api.devforge.dev',
  staging: process.env.DEVFORGE_STAGING_API_URL ?? 'https://api.staging.devforge.dev',
};

const API_TOKEN = process.env.DEVFORGE_API_TOKEN || 'dfk_live_4c9e1b7a2f6d48e0a3b5c7d9e1f20486';  //@vuln CWE-798

function agentFor(target: PublishOptions['target']): https.Agent {
  if (target === 'staging') {
    return new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295
  }
  const caFile = process.env.DEVFORGE_CA_FILE;
  return new https.Agent({ keepAlive: true, ca: caFile ? fs.readFileSync(caFile) : undefined, rejectUnauthorized: true });  //@safe
}

function client(target: PublishOptions['target']): AxiosInstance {
  return axios.create({
    baseURL: API_BASE[target],
    httpsAgent: agentFor(target),
    timeout: 30_000,
    headers: { authorization: `Bearer ${API_TOKEN}`, 'user-agent': 'devforge-course-cli/0.4' },
  });
}

export async function publishCourse(bundleDir: string, manifest: CourseManifest, options: PublishOptions) {
  const log = options.log ?? console.log;
  const api = client(options.target);
  const root = path.resolve(bundleDir);

  if (options.dryRun) {
    log(`[dry-run] would publish ${manifest.slug} with ${manifest.lessons.length} lessons to ${options.target}`);
    return { slug: manifest.slug, lessons: manifest.lessons.length, dryRun: true };
  }

  const { data: course } = await api.put(`/api/admin/courses/${encodeURIComponent(manifest.slug)}`, {
    title: manifest.title,
    summary: manifest.summary ?? '',
    priceCents: manifest.priceCents ?? 0,
  });

  for (const lesson of [...manifest.lessons].sort((a, b) => a.position - b.position)) {
    const file = path.resolve(root, lesson.file);
    if (!file.startsWith(root + path.sep)) throw new Error(`lesson file outside bundle: ${lesson.file}`);
    const form = new FormData();
    form.append('title', lesson.title);
    form.append('position', String(lesson.position));
    form.append('body', fs.createReadStream(file));  //@safe
    await api.put(`/api/admin/courses/${course.id}/lessons/${encodeURIComponent(lesson.slug)}`, form, {
      headers: form.getHeaders(),
    });
    log(`  ✓ ${lesson.slug}`);
  }

  return { slug: manifest.slug, id: course.id, lessons: manifest.lessons.length, dryRun: false };
}
