import { Request, Response } from 'express';
import { config } from '../config';
import { UserRepository } from '../repositories/userRepository';
import { authenticate, issueTokens, readRefreshToken, startPasswordReset } from '../services/authService';
import { deepMerge } from '../utils/objects';

const users = new UserRepository();

function isAllowedReturnUrl(raw: string): boolean {
  try {
    const url = new URL(raw, config.publicBaseUrl);
    return url.protocol === 'https:' && config.loginRedirectHosts.includes(url.hostname);
  } catch {
    return false;
  }
}

export async function login(req: Request, res: Response) {
  const { login, password } = req.body as { login: string; password: string };
  const user = await authenticate(login, password);
  if (!user) return res.status(401).json({ error: 'invalid credentials' });

  const { access, refresh } = issueTokens({ sub: user.id, role: user.role });
  res.cookie('session', access, { maxAge: 2 * 60 * 60 * 1000, sameSite: 'lax' }); //@vuln CWE-614|CWE-1004
  res.cookie('refresh', refresh, { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth/refresh' }); //@safe

  const returnTo = String(req.query.returnTo ?? '/');
  if (isAllowedReturnUrl(returnTo)) {
    return res.redirect(303, returnTo); //@safe
  }
  res.json({ ok: true });
}

export async function refresh(req: Request, res: Response) {
  try {
    const { sub } = readRefreshToken(req.cookies.refresh);
    const user = await users.findById(sub);
    if (!user) return res.sendStatus(401);
    res.json({ access: issueTokens({ sub: user.id, role: user.role }).access });
  } catch {
    res.sendStatus(401);
  }
}

export function logout(req: Request, res: Response) {
  res.clearCookie('session');
  res.clearCookie('refresh', { path: '/api/auth/refresh' });
  const next = (req.query.next as string) || '/';
  res.redirect(next); //@vuln CWE-601
}

export async function requestReset(req: Request, res: Response) {
  const user = await users.findByLogin(String(req.body.email ?? ''));
  if (user) {
    const token = await startPasswordReset(user.id);
    req.app.locals.mailer?.send(user.email, 'reset-password', { link: `${config.publicBaseUrl}/reset/${token}` });
  }
  res.status(202).json({ ok: true });
}

export async function updatePreferences(req: Request, res: Response) {
  const user = await users.findById(res.locals.user.sub);
  if (!user) return res.sendStatus(404);
  const merged = deepMerge(user.preferences ?? {}, req.body);
  await users.savePreferences(user.id, merged);
  res.json(merged);
}
