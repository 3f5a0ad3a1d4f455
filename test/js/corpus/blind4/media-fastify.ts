import Fastify, { FastifyInstance, FastifyRequest } from 'fastify';
import { execFile, exec } from 'node:child_process';
import { promisify } from 'node:util';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import got from 'got';
import http from 'node:http';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

const UPLOAD_ROOT = path.resolve('/srv/media/uploads');
const THUMB_ROOT = path.resolve('/srv/media/thumbs');
const ALLOWED_SIZES = ['64x64', '128x128', '512x512'] as const;

type ThumbQuery = { file: string; size: string };
type FetchBody = { url: string };

class MediaService {
  constructor(private readonly root: string) {}

  async resize(file: string, size: string) {
    const src = path.join(this.root, file);
    const out = path.join(THUMB_ROOT, `${size}-${path.basename(file)}`);
    await execAsync(`convert ${src} -resize ${size} ${out}`); //@vuln CWE-78
    return out;
  }

  async resizeSafely(file: string, size: string) {
    if (!(ALLOWED_SIZES as readonly string[]).includes(size)) throw new Error('bad size');
    const src = path.resolve(this.root, path.basename(file));
    const out = path.join(THUMB_ROOT, `${size}-${path.basename(file)}`);
    await execFileAsync('convert', [src, '-resize', size, out]); //@safe
    return out;
  }

  async probe(file: string) {
    const { stdout } = await execAsync('ffprobe -v quiet -print_format json -show_format "' + file + '"'); //@vuln CWE-78
    return JSON.parse(stdout);
  }

  readMeta(file: string) {
    return readFile(this.root + '/' + file + '.json', 'utf8'); //@vuln CWE-22
  }

  async readMetaSafely(file: string) {
    const full = path.resolve(this.root, `${file}.json`);
    if (!full.startsWith(this.root + path.sep)) throw new Error('outside root');
    return readFile(full, 'utf8'); //@safe
  }
}

export function buildServer(): FastifyInstance {
  const app = Fastify({ logger: true });
  const media = new MediaService(UPLOAD_ROOT);

  app.get('/thumb', async (req: FastifyRequest<{ Querystring: ThumbQuery }>) => {
    const { file, size } = req.query;
    return { path: await media.resize(file, size) };
  });

  app.get('/thumb-safe', async (req: FastifyRequest<{ Querystring: ThumbQuery }>) => {
    return { path: await media.resizeSafely(req.query.file, req.query.size) };
  });

  app.get('/probe/:file', async (req: FastifyRequest<{ Params: { file: string } }>) => {
    return media.probe(path.join(UPLOAD_ROOT, req.params.file));
  });

  app.get('/meta/:file', async (req: FastifyRequest<{ Params: { file: string } }>) => {
    return media.readMeta(req.params.file);
  });

  app.get('/meta-safe/:file', async (req: FastifyRequest<{ Params: { file: string } }>) => {
    return media.readMetaSafely(req.params.file);
  });

  app.get('/raw', (req: FastifyRequest<{ Querystring: { p: string } }>, reply) => {
    reply.send(createReadStream(req.query.p)); //@vuln CWE-22
  });

  app.post('/import', async (req: FastifyRequest<{ Body: FetchBody }>) => {
    const body = await got(req.body.url).buffer(); //@vuln CWE-918
    const name = `import-${Date.now()}.bin`;
    await writeFile(path.join(UPLOAD_ROOT, name), body); //@safe
    return { name };
  });

  app.post('/import-legacy', (req: FastifyRequest<{ Body: FetchBody }>, reply) => {
    http.get(req.body.url, (res) => { //@vuln CWE-918
      reply.send({ status: res.statusCode });
    });
  });

  app.post('/import-partner', async (req: FastifyRequest<{ Body: { asset: string } }>) => {
    const assetId = encodeURIComponent(req.body.asset);
    const data = await got(`https://assets.partner.example.com/v2/assets/${assetId}`, { //@safe
      https: { rejectUnauthorized: true },
    }).json();
    return data;
  });

  app.post('/import-staging', async (req: FastifyRequest<{ Body: { asset: string } }>) => {
    const tls = { rejectUnauthorized: false }; //@vuln CWE-295
    const data = await got('https://staging-assets.internal/v2/assets', { searchParams: { id: req.body.asset }, https: tls }).json();
    return data;
  });

  return app;
}

if (require.main === module) {
  buildServer().listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });
}
