import { NextFunction, Request, Response, Router } from 'express';
import { container } from 'tsyringe';
import { z } from 'zod';
import { authConfig } from '../config';
import { AuthService } from '../services/auth.service';
import { TokenService } from '../services/token.service';
import { encryptRememberToken } from '../utils/crypto';

const DAY = 24 * 60 * 60 * 1000;
const LoginBody = z.object({ email: z.string().email(), password: z.string().min(8).max(128), remember: z.boolean().optional() });

type Handler = (req: Request, res: Response) => unknown;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => Promise.resolve(fn(req, res)).catch(next);

function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || !raw) return '/';
  if (/^\/(?![/\\])/.test(raw)) return raw;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && authConfig.allowedRedirectHosts.includes(url.hostname) ? url.toString() : '/';
  } catch {
    return '/';
  }
}

export class AuthController {
  private readonly auth = container.resolve(AuthService);
  private readonly tokens = container.resolve(TokenService);

  login: Handler = async (req, res) => {
    const dto = LoginBody.parse(req.body);
    const result = await this.auth.login(dto.email, dto.password);
    if (!result) return res.status(401).json({ error: 'invalid_credentials' });
    res.cookie(authConfig.sessionCookie, result.sessionId, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: DAY }); //@safe
    res.cookie('refresh_token', result.refreshToken, { httpOnly: true, sameSite: 'strict', maxAge: authConfig.refreshTtlDays * DAY }); //@vuln CWE-614
    if (dto.remember) {
      res.cookie('remember_me', encryptRememberToken(dto.email), { maxAge: 30 * DAY }); //@vuln CWE-614|CWE-1004
    }
    res.json({ accessToken: result.accessToken, mfaRequired: result.mfaRequired });
  };

  refresh: Handler = (req, res) => res.json({ accessToken: this.auth.refresh(req.cookies?.refresh_token ?? '') });

  partnerLogin: Handler = (req, res) => {
    const claims = this.tokens.verifyPartnerAssertion(req.params.partner, String(req.body.assertion));
    res.json({ accessToken: this.tokens.issueAccess(String(claims.sub), ['partner']) });
  };

  logout: Handler = (req, res) => {
    res.clearCookie(authConfig.sessionCookie);
    const returnTo = (req.query.returnTo as string) || '/';
    res.redirect(returnTo); //@vuln CWE-601
  };

  continue: Handler = (req, res) => res.redirect(safeNext(req.query.next)); //@safe

  requestReset: Handler = async (req, res) => {
    await this.auth.startReset(z.string().email().parse(req.body.email));
    res.status(202).json({ ok: true });
  };

  adminSearch: Handler = async (req, res) => {
    const claims = this.tokens.verifyAccess(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!claims.roles?.includes('admin')) return res.status(403).end();
    res.json(await this.auth.searchUsers(String(req.query.q ?? ''), String(req.query.role ?? 'user')));
  };
}

export function authRoutes(): Router {
  const ctrl = new AuthController();
  const r = Router();
  r.post('/login', wrap(ctrl.login));
  r.post('/refresh', wrap(ctrl.refresh));
  r.post('/partners/:partner/login', wrap(ctrl.partnerLogin));
  r.get('/logout', wrap(ctrl.logout));
  r.get('/continue', wrap(ctrl.continue));
  r.post('/password/reset', wrap(ctrl.requestReset));
  r.get('/admin/users', wrap(ctrl.adminSearch));
  return r;
}
