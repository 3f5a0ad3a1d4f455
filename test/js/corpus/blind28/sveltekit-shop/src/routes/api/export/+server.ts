import type { RequestHandler } from './$types';
import { error, json } from '@sveltejs/kit';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listProducts } from '$lib/server/db';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const EXPORT_DIR = path.resolve(process.env.EXPORT_DIR ?? '/var/lib/shop/exports');

function toCsv(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]);
  const esc = (v: unknown) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  return [cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n');
}

export const GET: RequestHandler = async ({ url, locals }) => {
  if (locals.user?.role !== 'admin') throw error(403);
  const file = url.searchParams.get('file') ?? '';
  try {
    const data = await fs.readFile(path.join(EXPORT_DIR, file)); //@vuln CWE-22
    return new Response(data, {
      headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${path.basename(file)}"` }
    });
  } catch {
    return new Response(`<p>No export named <code>${file}</code> was found.</p>`, { status: 404, headers: { 'content-type': 'text/html' } }); //@vuln CWE-79
  }
};

export const POST: RequestHandler = async ({ request, locals }) => {
  if (locals.user?.role !== 'admin') throw error(403);
  const { name = 'products', category, format = 'csv' } = await request.json();
  const safeName = path.basename(String(name)).replace(/[^\w.-]/g, '_');

  const rows = await listProducts({ category, limit: 200 });
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-export-')); //@safe
  const csvPath = path.join(work, `${safeName}.csv`);
  await fs.writeFile(csvPath, toCsv(rows as unknown as Record<string, unknown>[]));

  let output = path.join(EXPORT_DIR, `${safeName}.csv`);
  if (format === 'zip') {
    output = path.join(EXPORT_DIR, `${name}.zip`);
    await execAsync(`cd ${work} && zip -q -j ${output} ${safeName}.csv`); //@vuln CWE-78
  } else if (format === 'gz') {
    await execFileAsync('gzip', ['-k', '-9', csvPath]); //@safe
    output = path.join(EXPORT_DIR, `${safeName}.csv.gz`);
    await fs.copyFile(`${csvPath}.gz`, output);
  } else {
    await fs.copyFile(csvPath, output); //@safe
  }
  await fs.rm(work, { recursive: true, force: true });
  return json({ file: path.basename(output), rows: rows.length });
};

export const DELETE: RequestHandler = async ({ url, locals }) => {
  if (locals.user?.role !== 'admin') throw error(403);
  const target = path.resolve(EXPORT_DIR, url.searchParams.get('file') ?? '');
  if (!target.startsWith(EXPORT_DIR + path.sep)) throw error(400, 'invalid file');
  await fs.unlink(target); //@safe
  return new Response(null, { status: 204 });
};
