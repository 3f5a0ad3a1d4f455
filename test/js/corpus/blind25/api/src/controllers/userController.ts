import { Request, Response, NextFunction } from 'express';
import { userService } from '../services/userService';
import { integrationService } from '../services/integrationService';
import { userRepo } from '../repositories/userRepo';
import { deepMerge, escapeHtml, isSafeRedirect, toInt, HttpError } from '../utils/helpers';
import { config, isProd } from '../../../shared/config';

type Handler = (req: Request, res: Response, next: NextFunction) => Promise<unknown>;

export const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => fn(req, res, next).catch(next);

export const searchUsers = wrap(async (req, res) => {
  const { q = '', sort = 'created_at', dir = 'desc' } = req.query as Record<string, string>;
  const rows = await userRepo.search(q, sort, dir);
  res.json({ q, rows });
});

export const listByRole = wrap(async (req, res) => {
  const limit = toInt(req.query.limit, 50, 200);
  res.json(await userRepo.listByRole(req.params.role, limit));
});

export const profilePage = wrap(async (req, res) => {
  const user = await userRepo.findById(toInt(req.params.id, 0));
  if (!user) {
    res.status(404).send(`<h1>User ${req.params.id} not found</h1>`); //@vuln CWE-79
    return;
  }
  const header = `<h1>${escapeHtml(user.name)}</h1><small>${escapeHtml(user.email)}</small>`;
  res.send(`<!doctype html><html><body>${header}<section class="bio">${user.bio ?? ''}</section></body></html>`); //@vuln CWE-79
});

export const searchPage = wrap(async (req, res) => {
  const q = String(req.query.q ?? '');
  const rows = await userRepo.search(q.replace(/[^\w@. -]/g, ''), 'name', 'asc');
  const items = rows.map((r: any) => `<li>${escapeHtml(r.name)}</li>`).join('');
  res.send(`<p>Results for <b>${escapeHtml(q)}</b></p><ul>${items}</ul>`); //@safe
});

export const patchUser = wrap(async (req, res) => {
  const id = toInt(req.params.id, 0);
  for (const [field, value] of Object.entries(req.body ?? {})) {
    await userRepo.updateField(id, field, value);
  }
  res.status(204).end();
});

export const bulkDelete = wrap(async (req, res) => {
  await userRepo.deleteByIds(String(req.body.ids));
  res.status(204).end();
});

export const updatePreferences = wrap(async (req, res) => {
  const current = await userService.getPreferences(req.user!.id);
  const merged = deepMerge(current, req.body);
  await userRepo.savePreferences(req.user!.id, merged);
  res.json(merged);
});

export const login = wrap(async (req, res) => {
  const token = await userService.login(String(req.body.email), String(req.body.password));
  res.cookie('session', token, { httpOnly: true, secure: isProd, sameSite: 'lax', maxAge: config.sessionTtlSeconds * 1000 });
  res.cookie('remember_me', token, { httpOnly: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 }); //@vuln CWE-614
  res.cookie('api_token', token, { secure: true, sameSite: 'strict', httpOnly: false }); //@vuln CWE-1004
  res.cookie('csrf', req.csrfToken?.() ?? '', { secure: true, httpOnly: true, sameSite: 'strict' }); //@safe
  const next = String(req.query.next ?? '/');
  res.redirect(isSafeRedirect(next) ? next : '/'); //@safe
});

export const logout = wrap(async (req, res) => {
  res.clearCookie('session');
  res.clearCookie('remember_me');
  res.redirect(String(req.query.returnTo || '/')); //@vuln CWE-601
});

export const directory = wrap(async (req, res) => {
  const entries = await userService.directoryLookup(String(req.query.uid));
  res.json(entries);
});

export const requestReset = wrap(async (req, res) => {
  await userService.startPasswordReset(String(req.body.email));
  res.json({ ok: true });
});

export const previewEmail = wrap(async (req, res) => {
  if (req.user?.role !== 'staff' && req.user?.role !== 'admin') throw new HttpError(403, 'forbidden');
  const html = userService.renderEmailPreview(String(req.body.template), { name: 'Jane Doe', email: 'jane@example.com' });
  res.type('html').send(html);
});

export const setAvatar = wrap(async (req, res) => {
  const image = await integrationService.importAvatar(String(req.body.avatarUrl));
  await userRepo.updateField(req.user!.id, 'avatar', image.toString('base64'));
  res.status(204).end();
});
