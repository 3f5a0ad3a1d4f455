import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';

const DRAFTS_DIR = path.resolve('content/drafts');

interface ImportedPost {
  slug: string;
  title: string;
  author: string;
  tags?: string[];
  body: string;
}

export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.user?.is_admin) error(403, 'Forbidden');
  const text = await request.text();
  const doc = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { posts: ImportedPost[] }; //@vuln CWE-502

  const imported: string[] = [];
  for (const p of doc.posts ?? []) {
    const target = path.resolve(DRAFTS_DIR, `${p.slug}.md`);
    if (!target.startsWith(DRAFTS_DIR + path.sep)) continue;
    await writeFile(target, p.body, 'utf8'); //@safe
    await db
      .insertInto('posts')
      .values({ slug: p.slug, title: p.title, author: p.author, body_md: p.body, tags: p.tags ?? [], published_at: new Date() })
      .execute();
    imported.push(p.slug);
  }
  return json({ imported });
};
