import path from 'node:path';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Hono } from 'hono';
import unzipper from 'unzipper';

const EXPORT_DIR = '/data/exports';
const REPORT_DIR = '/data/reports';
const THEME_DIR = '/data/themes';

const files = new Hono();

function streamFile(file: string) {
  return Readable.toWeb(createReadStream(file)) as ReadableStream; //@vuln CWE-22
}

files.get('/exports/:name', (c) => {
  const file = path.join(EXPORT_DIR, c.req.param('name'));
  c.header('content-disposition', `attachment; filename="${path.basename(file)}"`);
  return c.body(streamFile(file));
});

files.get('/reports/:id', (c) => {
  const id = path.basename(c.req.param('id'));
  const stream = createReadStream(path.join(REPORT_DIR, `${id}.pdf`)); //@safe
  c.header('content-type', 'application/pdf');
  return c.body(Readable.toWeb(stream) as ReadableStream);
});

files.post('/themes/:theme', async (c) => {
  const themeName = c.req.param('theme').replace(/[^a-z0-9-]/gi, '');
  const form = await c.req.parseBody();
  const bundle = form['bundle'];
  if (!(bundle instanceof File)) return c.json({ error: 'bundle required' }, 400);
  const archive = await unzipper.Open.buffer(Buffer.from(await bundle.arrayBuffer()));
  const root = path.join(THEME_DIR, themeName);
  for (const entry of archive.files) {
    if (entry.type !== 'File') continue;
    const dest = path.join(root, entry.path);
    await mkdir(path.dirname(dest), { recursive: true });
    await pipeline(entry.stream(), createWriteStream(dest)); //@vuln CWE-22
  }
  return c.json({ theme: themeName, files: archive.files.length });
});

export default files;
