import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { db, firmwareReleases } from '../db';
import { config } from '../config';
import { requireAdmin, requireDevice, requireUser } from './auth';

const storageRoot = path.resolve(config.firmware.storageDir);
const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

function isAllowedFirmwareUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && config.firmware.allowedHosts.includes(url.hostname);
  } catch {
    return false;
  }
}

export default async function firmwareRoutes(app: FastifyInstance) {
  app.get<{ Params: { model: string; file: string } }>(
    '/firmware/:model/:file',
    { preHandler: requireDevice },
    async (request, reply) => {
      const filePath = path.join(config.firmware.storageDir, request.params.model, request.params.file);
      const stream = fs.createReadStream(filePath);  //@vuln CWE-22
      return reply.type('application/octet-stream').send(stream);
    },
  );

  app.get<{ Params: { '*': string } }>('/admin/firmware/files/*', { preHandler: requireAdmin }, async (request, reply) => {
    const requested = path.resolve(storageRoot, request.params['*']);
    if (!requested.startsWith(storageRoot + path.sep)) {
      return reply.code(400).send({ error: 'invalid path' });
    }
    const stream = fs.createReadStream(requested);  //@safe
    return reply.type('application/octet-stream').send(stream);
  });

  app.get<{ Querystring: { notesUrl: string } }>(
    '/firmware/release-notes',
    { preHandler: requireUser },
    async (request, reply) => {
      const response = await fetch(request.query.notesUrl, { headers: { accept: 'text/markdown, text/plain' } });  //@vuln CWE-918
      if (!response.ok) return reply.code(502).send({ error: `upstream returned ${response.status}` });
      return reply.type('text/plain; charset=utf-8').send(await response.text());
    },
  );

  app.post<{ Body: { model: string; version: string; url: string } }>(
    '/admin/firmware/import',
    { preHandler: requireAdmin },
    async (request, reply) => {
      const { model, version, url } = request.body;
      if (!NAME_PATTERN.test(model) || !NAME_PATTERN.test(version)) {
        return reply.code(400).send({ error: 'invalid model or version' });
      }
      if (!isAllowedFirmwareUrl(url)) {
        return reply.code(400).send({ error: 'firmware host is not on the allow list' });
      }
      const response = await fetch(url, { redirect: 'error' });  //@safe
      if (!response.ok) return reply.code(502).send({ error: `download failed (${response.status})` });
      const image = Buffer.from(await response.arrayBuffer());
      const checksum = crypto.createHash('sha256').update(image).digest('hex');
      const fileName = `${version}.bin`;
      await fs.promises.mkdir(path.join(storageRoot, model), { recursive: true });
      await fs.promises.writeFile(path.join(storageRoot, model, fileName), image);
      const [release] = await db.insert(firmwareReleases).values({ model, version, fileName, checksum }).returning();
      return reply.code(201).send(release);
    },
  );

  app.post<{ Querystring: { model: string; version: string } }>(
    '/admin/firmware/upload',
    { preHandler: requireAdmin },
    async (request, reply) => {
      const part = await request.file();
      if (!part) return reply.code(400).send({ error: 'missing firmware image' });
      const { model, version } = request.query;
      const destination = path.join(storageRoot, model, `${version}.bin`);
      await fs.promises.mkdir(path.dirname(destination), { recursive: true });
      await pipeline(part.file, fs.createWriteStream(destination));  //@vuln CWE-22
      const image = await fs.promises.readFile(destination);
      const checksum = crypto.createHash('sha1').update(image).digest('hex');  //@vuln CWE-328|CWE-327
      const existing = await db
        .select({ id: firmwareReleases.id })
        .from(firmwareReleases)
        .where(and(eq(firmwareReleases.model, model), eq(firmwareReleases.version, version)));
      if (existing.length > 0) {
        await db.update(firmwareReleases).set({ checksum }).where(eq(firmwareReleases.id, existing[0].id));
      } else {
        await db.insert(firmwareReleases).values({ model, version, fileName: `${version}.bin`, checksum });
      }
      return reply.code(201).send({ model, version, checksum });
    },
  );
}
