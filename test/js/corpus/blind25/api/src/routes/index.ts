import { Router, Request, Response, NextFunction } from 'express';
import express from 'express';
import multer from 'multer';
import * as users from '../controllers/userController';
import * as products from '../controllers/productController';
import * as files from '../controllers/fileController';
import { userService } from '../services/userService';
import { integrationService } from '../services/integrationService';
import { userRepo } from '../repositories/userRepo';
import { HttpError } from '../utils/helpers';

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 20 * 1024 * 1024 } });

function requireUser(req: Request, _res: Response, next: NextFunction) {
  const token = req.cookies.session ?? req.headers.authorization?.replace(/^Bearer /, '');
  if (!token) return next(new HttpError(401, 'login required'));
  try {
    const claims = userService.verifySession(token);
    req.user = { id: Number(claims.sub), role: claims.role };
    next();
  } catch {
    next(new HttpError(401, 'invalid session'));
  }
}

function requireService(req: Request, _res: Response, next: NextFunction) {
  const token = String(req.headers['x-service-token'] ?? '');
  try {
    const svc = userService.readServiceToken(token);
    req.user = { id: svc.accountId, role: 'staff' };
    next();
  } catch (e) {
    next(e);
  }
}

export function buildRouter(): Router {
  const r = Router();

  r.post('/auth/login', users.login);
  r.get('/auth/logout', users.logout);
  r.post('/auth/reset', users.requestReset);

  r.get('/users', requireUser, users.searchUsers);
  r.get('/users/search', users.searchPage);
  r.get('/users/role/:role', requireUser, users.listByRole);
  r.get('/users/:id/profile', users.profilePage);
  r.patch('/users/:id', requireUser, users.patchUser);
  r.post('/users/bulk-delete', requireService, users.bulkDelete);
  r.put('/me/preferences', requireUser, users.updatePreferences);
  r.post('/me/avatar', requireUser, users.setAvatar);
  r.get('/directory', requireUser, users.directory);
  r.post('/admin/email-preview', requireUser, users.previewEmail);

  r.get('/audit/:table', requireService, users.wrap(async (req, res) => {
    res.json(await userRepo.auditTrail(req.params.table, req.user!.id));
  }));

  r.get('/products', products.getBySku);
  r.get('/products/sku/:sku', products.getBySkuPath);
  r.post('/products/search', products.search);
  r.get('/products/by-name', products.byName);
  r.get('/products/budget', products.underBudget);
  r.get('/products/tags', products.filterByTag);
  r.get('/products/:sku/embed', products.embed);
  r.post('/products/quote', products.priceQuote);
  r.get('/cart/restore', products.restoreCart);
  r.patch('/products/:sku', requireUser, products.updateOwned);
  r.post('/supplier/feed', requireService, express.text({ type: ['application/xml', 'text/xml'] }), products.importFeed);
  r.post('/themes/import', requireUser, express.text({ type: 'application/x-yaml' }), products.importTheme);

  r.post('/webhooks/test', requireUser, users.wrap(async (req, res) => {
    await integrationService.testWebhook(String(req.body.url));
    res.json({ ok: true });
  }));

  r.get('/tracking/:region/:trackingNo', users.wrap(async (req, res) => {
    res.json(await integrationService.partnerTracking(req.params.region, req.params.trackingNo));
  }));

  r.get('/go', (req, res) => {
    const dest = req.query.url as string;
    res.redirect(302, dest || '/'); //@vuln CWE-601
  });

  r.get('/files/info', requireUser, files.fileInfo);
  r.get('/files/:name', requireUser, files.download);
  r.get('/files/:name/inline', requireUser, files.inline);
  r.get('/attachments', requireUser, files.attachment);
  r.delete('/files', requireUser, files.removeUpload);
  r.post('/files/import', requireUser, upload.single('archive'), files.importArchive);
  r.get('/files/:name/thumb', requireUser, files.thumbnail);
  r.get('/files/:name/preset', requireUser, files.preset);
  r.post('/files/bundle', requireUser, files.bundle);
  r.get('/exports/users', requireService, files.exportUsers);

  return r;
}
