'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { exec } from 'child_process';
import { writeFile } from 'fs/promises';
import path from 'path';
import { db } from '@/lib/db';
import { z } from 'zod';

const Schema = z.object({ title: z.string().max(100), slug: z.string().regex(/^[a-z0-9-]+$/) });

export async function createPost(formData: FormData) {
  const title = formData.get('title') as string;
  await db.$executeRawUnsafe(`INSERT INTO posts (title) VALUES ('${title}')`); //@vuln CWE-89
  revalidatePath('/posts');
}

export async function createPostSafe(formData: FormData) {
  const parsed = Schema.parse({ title: formData.get('title'), slug: formData.get('slug') });
  await db.post.create({ data: parsed }); //@safe
  redirect(`/posts/${parsed.slug}`); //@safe
}

export async function afterLogin(formData: FormData) {
  const next = String(formData.get('next') ?? '/');
  redirect(next); //@vuln CWE-601
}

export async function exportPosts(formData: FormData) {
  const fmt = formData.get('format');
  exec(`pandoc posts.md -o /tmp/export.${fmt}`); //@vuln CWE-78
}

export async function saveDraft(formData: FormData) {
  const name = formData.get('name') as string;
  const body = formData.get('body') as string;
  await writeFile(path.join(process.cwd(), 'drafts', name), body); //@vuln CWE-22
}

export async function preview(prevState: unknown, formData: FormData) {
  const url = formData.get('url') as string;
  const res = await fetch(url); //@vuln CWE-918
  return { html: await res.text() };
}
