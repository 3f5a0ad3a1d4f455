import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

const MEDIA_ROOT = path.resolve('uploads');
const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.pdf': 'application/pdf' };

export const GET: RequestHandler = async ({ params, setHeaders }) => {
  const file = path.join(MEDIA_ROOT, params.path);
  let data: Buffer;
  try {
    data = await readFile(file); //@vuln CWE-22
  } catch {
    error(404, 'Not found');
  }
  setHeaders({ 'cache-control': 'public, max-age=86400' });
  return new Response(data, { headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' } });
};
