import { NextFunction, Request, Response, Router } from 'express';
import multer from 'multer';
import path from 'node:path';
import { container, inject, injectable } from 'tsyringe';
import { INCOMING_DIR, MAX_UPLOAD_BYTES, STORAGE_ROOT } from '../config/storage';
import { TranscodeService } from '../services/transcode.service';
import { extractBundle, extractBundleStrict } from '../utils/archive';
import { mediaPath, readMedia, readMediaChecked, removeMedia, saveUpload } from '../utils/storage';
import { thumbnailQueue } from '../workers/queues';

const wrap = (fn: (req: Request, res: Response) => unknown) => (req: Request, res: Response, next: NextFunction) =>
  Promise.resolve(fn(req, res)).catch(next);
const upload = multer({ dest: INCOMING_DIR, limits: { fileSize: MAX_UPLOAD_BYTES } });

@injectable()
export class MediaController {
  constructor(@inject(TranscodeService) private readonly transcoder: TranscodeService) {}

  download = (req: Request, res: Response) => res.download(mediaPath(req.params.tenant, String(req.query.file ?? ''))); //@vuln CWE-22

  view = (req: Request, res: Response) => res.sendFile(req.params[0], { root: STORAGE_ROOT, maxAge: '1h' }); //@safe

  raw = async (req: Request, res: Response) => {
    const relative = String(req.query.path);
    res.type(path.extname(relative)).send(await readMedia(relative));
  };

  remove = async (req: Request, res: Response) => {
    await removeMedia(req.body.path);
    res.status(204).end();
  };

  upload = async (req: Request, res: Response) => {
    if (!req.file) return res.status(400).json({ error: 'file_required' });
    const buf = await readMediaChecked(path.relative(STORAGE_ROOT, req.file.path));
    const stored = await saveUpload(req.params.tenant, req.file.originalname, buf);
    res.status(201).json({ path: stored });
  };

  transcode = async (req: Request, res: Response) => {
    const { file, format = 'mp3', bitrate = '192k' } = req.body;
    const output = await this.transcoder.convert(mediaPath(file), format, bitrate);
    res.json({ output: path.relative(STORAGE_ROOT, output) });
  };

  thumbnail = async (req: Request, res: Response) => {
    const { source, width = 320, height = 240, watermark } = req.body;
    res.status(202).json({ jobId: (await thumbnailQueue.add('thumb', { source, width, height, watermark })).id });
  };

  importBundle = async (req: Request, res: Response) => {
    if (!req.file) return res.status(400).json({ error: 'zip_required' });
    const dest = mediaPath(req.params.tenant, 'bundles');
    const extract = req.query.strict === 'false' ? extractBundle : extractBundleStrict;
    res.json(await extract(req.file.path, dest));
  };
}

export function mediaRoutes(): Router {
  const ctrl = container.resolve(MediaController);
  const r = Router();
  r.get('/media/:tenant/download', wrap(ctrl.download));
  r.get('/media/view/*', wrap(ctrl.view));
  r.get('/media/raw', wrap(ctrl.raw));
  r.delete('/media', wrap(ctrl.remove));
  r.post('/media/:tenant/upload', upload.single('file'), wrap(ctrl.upload));
  r.post('/media/transcode', wrap(ctrl.transcode));
  r.post('/media/thumbnail', wrap(ctrl.thumbnail));
  r.post('/media/:tenant/bundles', upload.single('bundle'), wrap(ctrl.importBundle));
  return r;
}
