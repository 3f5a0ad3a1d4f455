import path from 'node:path';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';

export const prerender = false;

const ATTACHMENT_DIR = '/srv/docs/attachments';

export const GET: APIRoute = async ({ url }) => {
  const name = url.searchParams.get('file');
  if (!name) return new Response('file is required', { status: 400 });
  const full = path.join(ATTACHMENT_DIR, name);
  const info = await stat(full).catch(() => null);
  if (!info?.isFile()) return new Response('not found', { status: 404 });
  const stream = createReadStream(full); //@vuln CWE-22
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: { 'content-length': String(info.size), 'content-disposition': `attachment; filename="${path.basename(full)}"` },
  });
};
