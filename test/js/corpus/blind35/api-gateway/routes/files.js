'use strict';

const fs = require('fs');
const path = require('path');
const { pipeline } = require('stream/promises');
const { exec, execFile } = require('child_process');
const { promisify } = require('util');
const config = require('../../common/config');

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const UPLOAD_ROOT = path.resolve(config.paths.uploads);
const TICKET_ID_RE = /^\d{1,10}$/;

function badRequest(message) {
  const err = new Error(message);
  err.statusCode = 400;
  return err;
}

function resolveInside(root, rel) {
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) throw badRequest('path escapes upload root');
  return full;
}

module.exports = async function fileRoutes(fastify) {
  // GET /files/attachments/123?name=invoice.pdf
  fastify.get('/attachments/:ticketId', async (request, reply) => {
    const { ticketId } = request.params;
    const name = String(request.query.name || '');
    const filePath = path.join(UPLOAD_ROOT, 'tickets', ticketId, name);
    reply.header('Content-Disposition', `attachment; filename="${encodeURIComponent(path.basename(name))}"`);
    return reply.send(fs.createReadStream(filePath)); //@vuln CWE-22
  });

  fastify.get('/avatars/:file', async (request, reply) => {
    const filePath = resolveInside(path.join(UPLOAD_ROOT, 'avatars'), String(request.params.file));
    return reply.type('image/png').send(fs.createReadStream(filePath)); //@safe
  });

  fastify.post('/attachments/:ticketId', async (request, reply) => {
    const { ticketId } = request.params;
    if (!TICKET_ID_RE.test(ticketId)) throw badRequest('bad ticket id');
    const data = await request.file();
    if (!data) throw badRequest('no file');
    const dir = path.join(UPLOAD_ROOT, 'tickets', ticketId);
    await fs.promises.mkdir(dir, { recursive: true });
    // ?as= lets the ticket UI keep a stable name when a newer version is uploaded
    const dest = path.join(dir, request.query.as || data.filename);
    await pipeline(data.file, fs.createWriteStream(dest)); //@vuln CWE-22
    return reply.code(201).send({ stored: path.relative(UPLOAD_ROOT, dest), mimetype: data.mimetype });
  });

  // Image thumbnails for the ticket sidebar, generated on demand with ImageMagick.
  fastify.post('/attachments/:ticketId/thumbnail', async (request) => {
    const { ticketId } = request.params;
    if (!TICKET_ID_RE.test(ticketId)) throw badRequest('bad ticket id');
    const { name, size = '200x200' } = request.body || {};
    const src = resolveInside(path.join(UPLOAD_ROOT, 'tickets', ticketId), String(name));
    const out = `${src}.thumb.png`;
    await execAsync(`convert "${src}" -thumbnail ${size} "${out}"`); //@vuln CWE-78
    return { thumbnail: path.relative(UPLOAD_ROOT, out) };
  });

  fastify.get('/attachments/:ticketId/pages', async (request) => {
    const { ticketId } = request.params;
    if (!TICKET_ID_RE.test(ticketId)) throw badRequest('bad ticket id');
    const src = resolveInside(path.join(UPLOAD_ROOT, 'tickets', ticketId), String(request.query.name || ''));
    const { stdout } = await execFileAsync('pdfinfo', [src], { timeout: 10000 }); //@safe
    const m = /Pages:\s+(\d+)/.exec(stdout);
    return { pages: m ? Number(m[1]) : null };
  });
};
