import path from 'node:path';
import fs from 'node:fs/promises';
import type { APIRoute } from 'astro';
import { marked } from 'marked';
import { escapeHtml, htmlResponse } from '../../../lib/html';

export const prerender = false;

const CONTENT_DIR = path.resolve(process.cwd(), 'content', 'docs');

export const GET: APIRoute = async ({ params, url }) => {
  const slug = params.slug ?? 'index';
  const file = path.resolve(CONTENT_DIR, `${slug}.md`);
  if (!file.startsWith(CONTENT_DIR + path.sep)) {
    return htmlResponse('<h1>Bad request</h1>', 400);
  }

  let md: string;
  try {
    md = await fs.readFile(file, 'utf8'); //@safe
  } catch {
    return htmlResponse(`<h1>Not found</h1><p>No page named <code>${escapeHtml(slug)}</code>.</p>`, 404); //@safe
  }

  const q = url.searchParams.get('q');
  const banner = q ? `<div class="search-banner">Results for “${q}” — <a href="/docs/${slug}">clear</a></div>` : '';
  return htmlResponse(`<!doctype html><main>${banner}${await marked.parse(md)}</main>`); //@vuln CWE-79
};
