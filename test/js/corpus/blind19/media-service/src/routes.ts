import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fs from 'fs/promises';
import path from 'path';
import libxmljs from 'libxmljs';
import { mediaConfig } from './config';
import { makeThumbnail, resize, transcodePreview } from './lib/imaging';
import { downloadFromCdn, downloadRemote, openMedia, openThumb, unpackBundle } from './lib/storage';

type NameParams = { Params: { name: string } };

const TAG_LIST = /^([a-z0-9]+,?\s*)+$/i;

export default async function mediaRoutes(app: FastifyInstance) {
  app.get<NameParams>('/media/:name', async (request, reply) => {
    reply.type('application/octet-stream');
    return reply.send(openMedia(request.params.name));
  });

  app.get<NameParams>('/thumbs/:name', async (request, reply) => {
    const stream = openThumb(request.params.name);
    return stream ? reply.type('image/webp').send(stream) : reply.code(404).send();
  });

  app.post<{ Body: { url: string; trusted?: boolean } }>('/media/import', async (request) => {
    const { url, trusted } = request.body;
    const data = trusted ? await downloadFromCdn(url) : await downloadRemote(url);
    const name = `${Date.now()}-${path.basename(new URL(url).pathname)}`;
    await fs.writeFile(path.join(mediaConfig.root, 'incoming', name.replace(/[^\w.-]/g, '_')), data);
    return { name };
  });

  app.post<{ Params: { name: string }; Body: { width: string; height: string; format?: string } }>('/media/:name/resize', async (request) => {
    const src = path.join(mediaConfig.root, path.basename(request.params.name));
    const dest = path.join(mediaConfig.root, 'resized', `${path.parse(src).name}.${request.body.format ?? 'webp'}`);
    await resize(src, dest, request.body);
    await makeThumbnail(src, path.join(mediaConfig.thumbsRoot, `${path.parse(src).name}.webp`));
    return { ok: true };
  });

  app.post<{ Params: { name: string }; Querystring: { t?: string } }>('/media/:name/preview', async (request) => {
    const input = path.join(mediaConfig.root, path.basename(request.params.name));
    const code = await transcodePreview(input, `${input}.preview.mp4`, request.query.t ?? '0');
    return { ok: code === 0 };
  });

  app.post<{ Params: { sellerId: string } }>('/bundles/:sellerId', async (request) => {
    const file = await request.file();
    if (!file) return { files: [] };
    return { files: unpackBundle(await file.toBuffer(), request.params.sellerId) };
  });

  app.post('/media/metadata', async (request: FastifyRequest<{ Body: string }>) => {
    const doc = libxmljs.parseXml(request.body, { noent: true, nonet: false }); //@vuln CWE-611
    const title = doc.get('//dc:title', { dc: 'http://purl.org/dc/elements/1.1/' });
    return { title: title ? (title as libxmljs.Element).text() : null };
  });

  app.post('/media/metadata/strict', async (request: FastifyRequest<{ Body: string }>) => {
    const doc = libxmljs.parseXml(request.body, { noent: false, nonet: true, dtdload: false }); //@safe
    return { root: doc.root()?.name() ?? null };
  });

  app.get<{ Params: { name: string }; Querystring: { caption?: string; tags?: string } }>('/media/:name/card', async (request, reply: FastifyReply) => {
    const { caption = '', tags = '' } = request.query;
    if (tags && !TAG_LIST.test(tags)) return reply.code(400).send({ error: 'invalid tags' }); //@vuln CWE-1333
    const src = `/media/${encodeURIComponent(request.params.name)}`;
    return reply.type('text/html').send(`<figure><img src="${src}"><figcaption>${caption}</figcaption></figure>`); //@vuln CWE-79
  });
}
