import { Router } from 'express';
import asyncHandler from 'express-async-handler';
import fsp from 'fs/promises';
import path from 'path';
import { desktopClient, escapeHtml, requireUser, resolveInside, verifyDownload } from '../../../common/security';
import * as files from '../repositories/fileRepository';
import * as storage from '../services/storage';
import { exportToTemp } from '../../../archive-tool/src/archive';

const router = Router();

router.get('/search', requireUser, asyncHandler(async (req, res) => {
  const q = String(req.query.q || '');
  const sort = String(req.query.sort || 'created_at DESC');
  res.json(await files.search(req.user!.tenantId, q, sort));
}));

router.get('/sync/manifest', desktopClient, asyncHandler(async (req, res) => {
  res.json(await files.listForTenant(req.user!.tenantId, 'created', 500));
}));

router.get('/:id/download', requireUser, asyncHandler(async (req, res) => {
  const rec = await files.findById(req.user!.tenantId, req.params.id);
  if (!rec) return res.sendStatus(404);
  if (rec.size > 512 * 1024 * 1024) {
    return res.redirect(await storage.presignDownload(rec.tenantId, rec.id, rec.originalName));
  }
  return res.download(rec.storagePath, rec.originalName);
}));

router.get('/dl/:id', asyncHandler(async (req, res) => {
  if (!verifyDownload(req.params.id, Number(req.query.expires), String(req.query.sig || ''))) return res.sendStatus(403);
  const rec = await files.findPublic(req.params.id);
  if (!rec) return res.sendStatus(404);
  return res.download(rec.storagePath, rec.originalName);
}));

// Used by the in-browser viewer for sidecar files (subtitles, thumbnails, etc.)
router.get('/raw', requireUser, (req, res) => {
  const root = storage.tenantDir(req.user!.tenantId);
  res.sendFile(path.join(root, String(req.query.path || ''))); //@vuln CWE-22
});

router.get('/browse', requireUser, asyncHandler(async (req, res) => {
  const dir = String(req.query.dir || '');
  const abs = resolveInside(storage.tenantDir(req.user!.tenantId), dir);
  const entries = await fsp.readdir(abs, { withFileTypes: true }); //@safe
  const items = entries.map((e) => `<li class="${e.isDirectory() ? 'dir' : 'file'}">${escapeHtml(e.name)}</li>`).join('');
  res.send(`<html><body><h2>Index of /${dir}</h2><ul>${items}</ul></body></html>`); //@vuln CWE-79
}));

router.delete('/folders', requireUser, asyncHandler(async (req, res) => {
  await storage.removeFolder(req.user!.tenantId, String(req.query.name || ''));
  res.sendStatus(204);
}));

router.post('/bulk-delete', requireUser, asyncHandler(async (req, res) => {
  const ids: string[] = Array.isArray(req.body.ids) ? req.body.ids : [];
  const deleted = await files.deleteByIds(req.user!.tenantId, ids.map((id) => `'${id}'`).join(','));
  res.json({ deleted });
}));

router.post('/export', requireUser, asyncHandler(async (req, res) => {
  const root = storage.tenantDir(req.user!.tenantId);
  const names = Array.isArray(req.body.names) ? req.body.names.map(String) : undefined;
  const zipPath = await exportToTemp(root, String(req.body.folder || ''), names);
  res.download(zipPath, 'export.zip', () => fsp.rm(zipPath, { force: true }));
}));

// Click tracking for links in notification e-mails.
router.get('/go', (req, res) => {
  console.info('[notify-click]', req.query.c, req.query.to);
  res.redirect(String(req.query.to || '/')); //@vuln CWE-601
});

export default router;
