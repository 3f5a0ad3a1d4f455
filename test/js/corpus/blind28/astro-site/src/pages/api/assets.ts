import type { APIRoute } from 'astro';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import AdmZip from 'adm-zip';
import yaml from 'js-yaml';
import { getEditorSession } from '../../lib/mongo';

export const prerender = false;

const UPLOADS = path.resolve('./uploads');
const THEMES = path.resolve('./themes');
const ICONS = path.resolve('./public/icons');
const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.svg': 'image/svg+xml', '.pdf': 'application/pdf' };

function toWebp(input: Buffer, quality: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const proc = spawn('cwebp', ['-quiet', '-q', String(quality), '-o', '-', '--', '-'], { stdio: ['pipe', 'pipe', 'inherit'] }); //@safe
    const chunks: Buffer[] = [];
    proc.stdout.on('data', (c) => chunks.push(c));
    proc.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`cwebp exited ${code}`))));
    proc.stdin.end(input);
  });
}

export const GET: APIRoute = async ({ url, request }) => {
  const src = url.searchParams.get('src');
  const quality = Math.min(Math.max(Number(url.searchParams.get('q')) || 80, 10), 100);

  let data: Buffer;
  if (src) {
    const upstream = await fetch(src); //@vuln CWE-918
    if (!upstream.ok) return new Response('upstream error', { status: 502 });
    data = Buffer.from(await upstream.arrayBuffer());
  } else {
    const file = url.searchParams.get('file') ?? '';
    try {
      data = await fs.readFile(path.join(UPLOADS, file)); //@vuln CWE-22
    } catch {
      return new Response('not found', { status: 404 });
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (!url.searchParams.has('webp')) {
      const etag = `"${crypto.createHash('sha1').update(data).digest('base64url')}"`; //@safe
      if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304 });
      return new Response(data, { headers: { 'content-type': type, etag, 'cache-control': 'public, max-age=3600' } });
    }
  }
  return new Response(await toWebp(data, quality), { headers: { 'content-type': 'image/webp' } });
};

// POST multipart: kind=theme|icons, bundle=<zip>
export const POST: APIRoute = async ({ request, cookies }) => {
  const session = await getEditorSession(cookies.get('editor_sid')?.value);
  if (!session) return new Response('unauthorized', { status: 401 });
  const form = await request.formData();
  const kind = form.get('kind');
  const bundle = form.get('bundle');
  if (!(bundle instanceof File)) return new Response('bundle required', { status: 400 });
  const zip = new AdmZip(Buffer.from(await bundle.arrayBuffer()));

  if (kind === 'theme') {
    const slug = String(form.get('slug') ?? '');
    if (!/^[a-z0-9-]{2,40}$/.test(slug)) return new Response('bad slug', { status: 400 });
    const manifestEntry = zip.getEntry('theme.yml');
    const manifest = manifestEntry ? (yaml.load(manifestEntry.getData().toString('utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA }) as Record<string, unknown>) : {}; //@vuln CWE-502
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory) continue;
      const dest = path.join(THEMES, slug, entry.entryName);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await fs.writeFile(dest, entry.getData()); //@vuln CWE-22
    }
    return Response.json({ installed: slug, name: manifest.name ?? slug });
  }

  if (kind === 'icons') {
    const metaEntry = zip.getEntry('icons.yml');
    const meta = metaEntry ? (yaml.safeLoad(metaEntry.getData().toString('utf8')) as { prefix?: string }) : {}; //@safe
    let count = 0;
    for (const entry of zip.getEntries()) {
      if (entry.isDirectory || !entry.entryName.endsWith('.svg')) continue;
      const dest = path.resolve(ICONS, entry.entryName);
      if (!dest.startsWith(ICONS + path.sep)) continue;
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await fs.writeFile(dest, entry.getData()); //@safe
      count++;
    }
    return Response.json({ installed: count, prefix: meta.prefix ?? 'icon' });
  }

  return new Response('unknown kind', { status: 400 });
};
