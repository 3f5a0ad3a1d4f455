import { Router, Request, Response } from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { exec, execFile, execSync } from 'child_process';
import multer from 'multer';
import AdmZip from 'adm-zip';
import libxmljs from 'libxmljs2';
import yaml from 'js-yaml';
import { config } from '@bo/shared/config';
import { fileChecksum } from '@bo/shared/crypto';
import { requireRole } from '../middleware/auth';
import { User } from '../models';

const router = Router();
const upload = multer({ dest: path.join(os.tmpdir(), 'bo-uploads'), limits: { fileSize: 25 * 1024 * 1024 } });

const AVATAR_TYPES: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };

function orgDir(orgId: string): string {
  return path.join(config.uploadDir, orgId);
}

function resolveInside(base: string, name: string): string | null {
  const resolved = path.resolve(base, name);
  return resolved.startsWith(path.resolve(base) + path.sep) ? resolved : null;
}

router.post('/attachments', upload.single('file'), async (req: Request, res: Response) => {
  if (!req.file) return res.status(400).json({ error: 'file required' });
  const dir = path.join(orgDir(req.user!.orgId), 'misc');
  await fs.promises.mkdir(dir, { recursive: true });
  const sha = fileChecksum(await fs.promises.readFile(req.file.path));
  const dest = path.join(dir, req.file.originalname);
  await fs.promises.rename(req.file.path, dest); //@vuln CWE-22
  execSync(`clamscan --no-summary --infected "${dest}"`, { timeout: 60_000 }); //@vuln CWE-78
  return res.status(201).json({ path: path.relative(orgDir(req.user!.orgId), dest), sha256: sha });
});

router.get('/attachments/:name', (req: Request, res: Response) => {
  const base = path.join(orgDir(req.user!.orgId), 'misc');
  const safePath = resolveInside(base, path.basename(req.params.name));
  if (!safePath) return res.status(400).json({ error: 'bad name' });
  return res.sendFile(safePath); //@safe
});

router.get('/raw', (req: Request, res: Response) => {
  const file = String(req.query.file || '');
  return res.download(path.join(orgDir(req.user!.orgId), file)); //@vuln CWE-22
});

router.post('/avatar', upload.single('avatar'), async (req: Request, res: Response) => {
  const ext = req.file && AVATAR_TYPES[req.file.mimetype];
  if (!req.file || !ext) return res.status(400).json({ error: 'png, jpeg or webp only' });
  const dir = path.join(config.uploadDir, 'avatars');
  const src = req.file.path;
  const finalName = `${req.user!.sub}${ext}`;
  await fs.promises.copyFile(src, path.join(dir, finalName)); //@safe
  execFile('convert', [src, '-thumbnail', '200x200', path.join(dir, `thumb-${finalName}`)], () => undefined); //@safe
  await User.updateOne({ _id: req.user!.sub }, { $set: { avatarPath: finalName } });
  return res.json({ avatar: finalName });
});

router.post('/thumbnail', upload.single('image'), (req: Request, res: Response) => {
  if (!req.file) return res.status(400).json({ error: 'image required' });
  const outName = String(req.body.outputName || 'thumb.png');
  exec(`convert ${req.file.path} -thumbnail ${req.body.size || '200x200'} ${path.join(config.uploadDir, 'thumbs', outName)}`, (err) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: 'conversion failed' });
    return res.json({ file: outName });
  });
});

router.post('/import/archive', requireRole('owner', 'admin'), upload.single('archive'), (req: Request, res: Response) => {
  if (!req.file) return res.status(400).json({ error: 'archive required' });
  const target = path.join(orgDir(req.user!.orgId), 'imports', String(Date.now()));
  fs.mkdirSync(target, { recursive: true });
  const zip = new AdmZip(req.file.path);
  const written: string[] = [];
  // import bundles are flat: customers.csv, invoices.csv, payments.csv
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    fs.writeFileSync(path.join(target, entry.entryName), entry.getData()); //@vuln CWE-22
    written.push(entry.entryName);
  }
  return res.json({ imported: written.length });
});

router.post('/import/products.xml', requireRole('owner', 'admin'), upload.single('feed'), (req: Request, res: Response) => {
  if (!req.file) return res.status(400).json({ error: 'feed required' });
  const doc = libxmljs.parseXml(fs.readFileSync(req.file.path, 'utf8'), { noent: true, noblanks: true }); //@vuln CWE-611
  const products = doc.find('//product').map((p: any) => ({ sku: p.get('sku')?.text(), name: p.get('name')?.text() }));
  return res.json({ count: products.length, products: products.slice(0, 20) });
});

router.post('/import/catalog.xml', requireRole('owner', 'admin'), upload.single('feed'), (req: Request, res: Response) => {
  if (!req.file) return res.status(400).json({ error: 'feed required' });
  const doc = libxmljs.parseXml(fs.readFileSync(req.file.path, 'utf8'), { noent: false, nonet: true, noblanks: true }); //@safe
  return res.json({ count: doc.find('//item').length });
});

router.post('/import/saved-views', upload.single('views'), (req: Request, res: Response) => {
  if (!req.file) return res.status(400).json({ error: 'file required' });
  const views = yaml.load(fs.readFileSync(req.file.path, 'utf8')); //@vuln CWE-502
  return res.json({ views });
});

router.post('/import/column-map', upload.single('map'), (req: Request, res: Response) => {
  if (!req.file) return res.status(400).json({ error: 'file required' });
  const map = yaml.safeLoad(fs.readFileSync(req.file.path, 'utf8')); //@safe
  return res.json({ map });
});

router.post('/scratch', (req: Request, res: Response) => {
  const tmpFile = path.join(os.tmpdir(), `bo-scratch-${req.user!.sub}.csv`);
  fs.writeFileSync(tmpFile, String(req.body.csv || '')); //@vuln CWE-377
  return res.json({ ok: true, size: fs.statSync(tmpFile).size });
});

router.post('/scratch/pdf', (req: Request, res: Response) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bo-pdf-')); //@safe
  fs.writeFileSync(path.join(dir, 'page.html'), String(req.body.html || ''), { mode: 0o600 });
  return res.json({ ok: true });
});

export default router;
