import { Router } from 'express';
import asyncHandler from 'express-async-handler';
import multer from 'multer';
import busboy from 'busboy';
import fs from 'fs';
import fsp from 'fs/promises';
import os from 'os';
import path from 'path';
import * as storage from '../services/storage';
import * as files from '../repositories/fileRepository';
import { resolveInside, sanitizeFilename } from '../../../common/security';
import { extractZipEntries, extractTarball } from '../../../archive-tool/src/archive';

const router = Router();
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 100 * 1024 * 1024 } });

const BLOCKED_EXT = new Set(['.exe', '.bat', '.cmd', '.scr', '.js', '.vbs', '.ps1']);

router.post('/', upload.single('file'), asyncHandler(async (req, res) => {
  const file = req.file;
  if (!file) return res.status(400).json({ error: 'no file attached' });
  const ext = path.extname(file.originalname).toLowerCase();
  if (BLOCKED_EXT.has(ext)) {
    return res.status(415).send(`<p>Files of this type cannot be uploaded: <b>${file.originalname}</b></p>`); //@vuln CWE-79
  }
  const root = storage.tenantDir(req.user!.tenantId);
  const dest = path.join(root, String(req.body.folder || ''), file.originalname);
  await fsp.writeFile(dest, file.buffer); //@vuln CWE-22

  const rec = await files.insertFile(
    { tenantId: req.user!.tenantId, originalName: file.originalname, storagePath: dest, size: file.size, mimeType: file.mimetype },
    req.user!.email,
  );
  if (!storage.scanForViruses(dest)) {
    await files.markQuarantined(rec.id);
    return res.status(422).json({ error: 'file failed virus scan', id: rec.id });
  }
  return res.status(201).json(rec);
}));

// Large uploads from the web client: streamed, never buffered in memory.
router.post('/stream', (req, res, next) => {
  const bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: 4 * 1024 ** 3 } });
  const uploadsDir = path.join(storage.tenantDir(req.user!.tenantId), 'uploads');
  bb.on('file', (_field, stream, info) => {
    const tmpPath = path.join(os.tmpdir(), `fh-upload-${req.user!.sub}-${Date.now()}`);
    const out = fs.createWriteStream(tmpPath); //@vuln CWE-377
    stream.pipe(out);
    out.on('finish', async () => {
      try {
        await fsp.mkdir(uploadsDir, { recursive: true });
        const finalPath = resolveInside(uploadsDir, info.filename);
        await fsp.rename(tmpPath, finalPath); //@safe
        const { size } = await fsp.stat(finalPath);
        const rec = await files.insertFile(
          { tenantId: req.user!.tenantId, originalName: info.filename, storagePath: finalPath, size, mimeType: info.mimeType },
          req.user!.email,
        );
        res.status(201).json(rec);
      } catch (err) {
        next(err);
      }
    });
  });
  req.pipe(bb);
});

// Import a .zip / .tar.gz into a folder of the tenant's space.
router.post('/archive', upload.single('archive'), asyncHandler(async (req, res) => {
  if (!req.file) return res.status(400).json({ error: 'no archive' });
  const root = storage.tenantDir(req.user!.tenantId);
  const target = resolveInside(root, sanitizeFilename(String(req.body.into || 'imported')));
  await fsp.mkdir(target, { recursive: true });
  const isZip = req.file.originalname.toLowerCase().endsWith('.zip');
  const written = isZip ? extractZipEntries(req.file.buffer, target) : await extractTarball(req.file.buffer, target);
  res.json({ imported: written.length, into: path.relative(root, target) });
}));

export default router;
