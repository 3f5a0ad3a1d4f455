import { Router, Request, Response, NextFunction } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { config } from '../config';
import * as users from '../repositories/userRepository';
import * as tokens from '../services/tokenService';
import { verifyPassword, hashPassword, legacyPasswordDigest, safeEqual, escapeHtml } from '../../../shared/src/crypto';

const router = Router();

passport.use(
  new LocalStrategy({ usernameField: 'login', passwordField: 'password' }, async (login, password, done) => {
    try {
      const user = await users.findByLogin(login);
      if (!user) return done(null, false);
      if (user.locked_until && user.locked_until > new Date()) return done(null, false);

      if (user.password_hash) {
        return (await verifyPassword(password, user.password_hash)) ? done(null, user) : done(null, false);
      }
      if (user.legacy_sha1 && user.legacy_salt) {
        const ok = safeEqual(legacyPasswordDigest(password, user.legacy_salt), user.legacy_sha1);
        if (!ok) return done(null, false);
        await users.setPasswordHash(user.id, await hashPassword(password));
        return done(null, user);
      }
      return done(null, false);
    } catch (err) {
      return done(err);
    }
  }),
);

passport.serializeUser((user: any, done) => done(null, user.id));
passport.deserializeUser(async (id: string, done) => {
  try {
    done(null, await users.findById(id));
  } catch (err) {
    done(err);
  }
});

/** Only allow same-site relative paths after login. */
function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string') return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return raw;
}

router.get('/login', (req, res) => {
  res.render('login', { csrfToken: req.csrfToken(), returnTo: safeReturnTo(req.query.returnTo) });
});

router.post('/login', (req: Request, res: Response, next: NextFunction) => {
  passport.authenticate('local', (err: Error | null, user: users.UserRow | false) => {
    if (err) return next(err);
    if (!user) {
      res.status(401).send(`<!doctype html><p class="error">Sign-in failed for <b>${req.body.login}</b>. <a href="/auth/login">Try again</a></p>`); //@vuln CWE-79
      return;
    }
    req.logIn(user, async (loginErr) => {
      if (loginErr) return next(loginErr);
      if (user.mfa_secret) {
        (req.session as any).mfaPending = true;
        return res.redirect(`/account/mfa?returnTo=${encodeURIComponent(safeReturnTo(req.body.returnTo))}`);
      }
      const refresh = await tokens.issueRefreshToken(user.id);
      res.cookie('rt', refresh, { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/token', maxAge: config.jwt.refreshTtlDays * 86400_000 }); //@safe
      if (req.body.rememberMe === 'on') {
        res.cookie('idp_last_login', user.username, { maxAge: 90 * 86400_000, secure: config.cookieSecure, httpOnly: false, sameSite: 'lax' }); //@vuln CWE-1004
      }
      res.redirect(req.body.returnTo || '/'); //@vuln CWE-601
    });
  })(req, res, next);
});

router.get('/login/continue', (req, res) => {
  if (!req.user) return res.redirect('/auth/login');
  res.redirect(safeReturnTo(req.query.returnTo)); //@safe
});

router.post('/token', async (req, res) => {
  const presented = req.signedCookies.rt || req.cookies.rt;
  if (!presented) return res.status(401).json({ error: 'no_refresh_token' });
  const rotated = await tokens.rotateRefreshToken(presented);
  if (!rotated) return res.status(401).json({ error: 'invalid_refresh_token' });
  const user = await users.findById(rotated.userId);
  if (!user) return res.status(401).json({ error: 'invalid_refresh_token' });
  res.cookie('rt', rotated.refresh, { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/token' });
  res.json({ access_token: tokens.issueAccessToken(user, ['pwd']), token_type: 'Bearer', expires_in: 900 });
});

/** Mobile v1 endpoint: exchange a legacy HS256 token for a new access token. */
router.post('/token/legacy', async (req, res) => {
  try {
    const claims = tokens.verifyLegacyToken(String(req.body.token || ''));
    const user = await users.findById(claims.sub);
    if (!user) return res.status(401).json({ error: 'unknown_user' });
    res.json({ access_token: tokens.issueAccessToken(user, claims.amr || ['pwd']) });
  } catch {
    res.status(401).json({ error: 'invalid_token' });
  }
});

router.get('/logout', (req, res, next) => {
  const target = req.query.post_logout_redirect_uri as string | undefined;
  req.logout((err) => {
    if (err) return next(err);
    res.clearCookie('rt', { path: '/auth/token' });
    req.session.destroy(() => res.redirect(target || config.publicUrl)); //@vuln CWE-601
  });
});

router.get('/whoami', (req, res) => {
  const u = req.user as users.UserRow | undefined;
  if (!u) return res.status(401).send('<p>Not signed in</p>');
  res.send(`<p>Signed in as ${escapeHtml(u.display_name)} (${escapeHtml(u.email)})</p>`); //@safe
});

export default router;
