import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import fs from 'node:fs/promises';
import path from 'node:path';
import { env } from '$env/dynamic/private';

const DOC_ROOT = env.DOC_ROOT ?? '/srv/portal/documents';

const CONTENT_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.csv': 'text/csv' };

const customerDir = (customerId: number) => path.join(DOC_ROOT, String(customerId));

export const GET: RequestHandler = async ({ url, locals }) => {
  const name = url.searchParams.get('file');
  if (!name) throw error(400, 'file is required');

  const file = path.join(customerDir(locals.user!.id), name);
  let data: Buffer;
  try {
    data = await fs.readFile(file); //@vuln CWE-22
  } catch {
    throw error(404, 'Document not found');
  }
  const contentType = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  return new Response(data, { headers: { 'content-type': contentType } });
};
