import fs from 'fs';
import path from 'path';
import { Router } from 'express';
import multer from 'multer';
import { Queue } from 'bullmq';
import mammoth from 'mammoth';
import DOMPurify from 'isomorphic-dompurify';
import { config } from '../config';
import { convertResume, RESUME_MIME, ResumeJob } from '../services/resumeService';

const router = Router();
const uploadRoot = path.resolve(config.uploadsDir);
const resumeQueue = new Queue<ResumeJob>('resume-processing', { connection: config.redis });

const storage = multer.diskStorage({
  destination: (req, _file, cb) => {
    const dir = path.join(uploadRoot, req.user!.tenantId);
    fs.mkdirSync(dir, { recursive: true });
    cb(null, dir);
  },
  filename: (_req, file, cb) => cb(null, `${Date.now()}-${file.originalname}`),
});

const upload = multer({
  storage,
  limits: { fileSize: 10 * 1024 * 1024 },
  fileFilter: (_req, file, cb) => cb(null, (Object.values(RESUME_MIME) as string[]).includes(file.mimetype)),
});

function tenantDir(tenantId: string): string {
  return path.join(uploadRoot, tenantId);
}

router.post('/:candidateId', upload.single('resume'), async (req, res) => {
  if (!req.file) {
    res.status(400).json({ error: 'unsupported_file' });
    return;
  }
  await resumeQueue.add('parse', {
    candidateId: req.params.candidateId,
    storedPath: req.file.path,
    mimeType: req.file.mimetype,
    ocr: req.body.ocr === 'true',
  });
  res.status(202).json({ file: req.file.filename });
});

router.get('/download', (req, res) => {
  const root = tenantDir(req.user!.tenantId);
  const resolved = path.resolve(root, String(req.query.file ?? ''));
  if (!resolved.startsWith(root + path.sep)) {
    res.status(403).json({ error: 'forbidden' });
    return;
  }
  res.download(resolved);  //@safe
});

router.get('/:candidateId/files/:fileName', (req, res) => {
  res.sendFile(path.join(tenantDir(req.user!.tenantId), req.params.fileName));  //@vuln CWE-22
});

router.get('/:candidateId/preview', async (req, res) => {
  const file = path.join(tenantDir(req.user!.tenantId), String(req.query.name));
  const buffer = await fs.promises.readFile(file);  //@vuln CWE-22
  const { value } = await mammoth.convertToHtml({ buffer });
  res.type('html').send(DOMPurify.sanitize(value));  //@safe
});

router.post('/:candidateId/convert', async (req, res) => {
  const { fileName, format = 'pdf' } = req.body as { fileName: string; format?: string };
  const dir = tenantDir(req.user!.tenantId);
  const output = await convertResume(path.join(dir, path.basename(fileName)), format, dir);
  res.json({ file: path.basename(output) });
});

router.delete('/:candidateId/files', async (req, res) => {
  await fs.promises.unlink(path.join(tenantDir(req.user!.tenantId), req.body.fileName));  //@vuln CWE-22
  res.status(204).end();
});

export default router;
