import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import fs from 'node:fs/promises';
import path from 'node:path';
import { env } from '$env/dynamic/private';

const INVOICE_ROOT = path.resolve(env.INVOICE_ROOT ?? '/srv/portal/invoices');

export const GET: RequestHandler = async ({ url, locals }) => {
  const customerRoot = path.resolve(INVOICE_ROOT, String(locals.user!.id));
  const requested = path.resolve(customerRoot, url.searchParams.get('file') ?? '');
  if (!requested.startsWith(customerRoot + path.sep)) {
    throw error(400, 'Invalid invoice path');
  }
  const data = await fs.readFile(requested).catch(() => null); //@safe
  if (!data) throw error(404, 'Invoice not found');
  return new Response(data, { headers: { 'content-type': 'application/pdf' } });
};
