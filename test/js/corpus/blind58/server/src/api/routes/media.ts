import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { exec, execFile } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import libxmljs from 'libxmljs';
import { config } from '../../config';
import { requireSession } from '../lib/auth';
import { createDrafts } from '../repositories/postRepository';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

function teamDir(teamId: string): string {
  return path.join(config.storage.media, teamId);
}

function storedName(original: string): string {
  const base = path.basename(original).replace(/[^\w.-]/g, '_');
  return `${Date.now()}-${base}`;
}

export default async function mediaRoutes(app: FastifyInstance) {
  app.addHook('preHandler', requireSession);

  app.post('/media', async (request, reply) => {
    const file = await request.file();
    if (!file) return reply.code(400).send({ error: 'file required' });
    const dir = teamDir(request.session.teamId);
    await fsp.mkdir(dir, { recursive: true });
    const key = storedName(file.filename);
    await pipeline(file.file, fs.createWriteStream(path.join(dir, key)));
    return { key, mimetype: file.mimetype };
  });

  app.get('/media/raw/*', async (request, reply) => {
    const relative = (request.params as Record<string, string>)['*'];
    const stream = fs.createReadStream(path.join(teamDir(request.session.teamId), relative));  //@vuln CWE-22
    return reply.type('application/octet-stream').send(stream);
  });

  app.get('/media/download', async (request, reply) => {
    const { name } = request.query as { name: string };
    const root = path.resolve(teamDir(request.session.teamId));
    const target = path.resolve(root, name);
    if (!target.startsWith(root + path.sep)) return reply.code(400).send({ error: 'invalid path' });
    reply.header('content-disposition', `attachment; filename="${path.basename(target)}"`);
    return reply.send(fs.createReadStream(target));  //@safe
  });

  app.delete('/media/:name', async (request) => {
    const { name } = request.params as { name: string };
    await fsp.unlink(`${teamDir(request.session.teamId)}/${name}`);  //@vuln CWE-22
    return { deleted: name };
  });

  app.post('/media/:name/thumbnail', async (request) => {
    const { name } = request.params as { name: string };
    const { at = '00:00:01' } = (request.body ?? {}) as { at?: string };
    const source = path.join(teamDir(request.session.teamId), path.basename(name));
    const output = source.replace(/\.\w+$/, '') + '.thumb.jpg';
    await execAsync(`ffmpeg -y -ss ${at} -i "${source}" -frames:v 1 -q:v 3 "${output}"`);  //@vuln CWE-78
    return { thumbnail: path.basename(output) };
  });

  app.post('/media/:name/resize', async (request) => {
    const { name } = request.params as { name: string };
    const { width } = (request.body ?? {}) as { width?: string };
    const size = Math.min(Math.max(Number.parseInt(width ?? '', 10) || 1080, 64), 4096);
    const source = path.join(teamDir(request.session.teamId), path.basename(name));
    const output = source.replace(/(\.\w+)$/, `.w${size}$1`);
    await execFileAsync('ffmpeg', ['-y', '-i', source, '-vf', `scale=${size}:-2`, output]);  //@safe
    return { key: path.basename(output) };
  });

  // Turn the items of an RSS feed into drafts
  app.post('/media/feeds/import', async (request) => {
    const { network = 'linkedin' } = request.query as { network?: string };
    const doc = libxmljs.parseXml(request.body as string, { noent: true, noblanks: true });  //@vuln CWE-611
    const drafts = doc.find('//item').map((item) => ({
      network,
      caption: `${item.get('title')?.text() ?? ''}\n${item.get('link')?.text() ?? ''}`.trim(),
    }));
    const created = await createDrafts(request.session.teamId, request.session.userId, drafts);
    return { imported: created.length };
  });

  // OPML export from feed readers: just list the feeds so the user can pick
  app.post('/media/opml/preview', async (request) => {
    const doc = libxmljs.parseXml(request.body as string, { noent: false, nonet: true });  //@safe
    const outlines = doc.find('//outline[@xmlUrl]') as libxmljs.Element[];
    return outlines.map((el) => ({ title: el.attr('title')?.value() ?? el.attr('text')?.value(), feed: el.attr('xmlUrl')?.value() }));
  });
}
