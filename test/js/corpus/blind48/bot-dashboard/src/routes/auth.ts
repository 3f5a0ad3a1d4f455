import { Router, Request, Response, NextFunction } from 'express';
import crypto from 'crypto';
import axios from 'axios';
import jwt from 'jsonwebtoken';
import ldap from 'ldapjs';
import { WebClient } from '@slack/web-api';
import { config } from '../../../bot-common/src/config';
import { pg } from '../../../bot-common/src/db';
import { encryptToken, hashPassword } from '../../../bot-common/src/crypto';

export const authRouter = Router();

export interface DashUser { sub: string; name: string; teams: string[]; admin: boolean }

function issueSession(res: Response, user: DashUser) {
  const token = jwt.sign(user, config.jwtSecret, { algorithm: 'HS256', expiresIn: '8h' });
  // the settings SPA reads this to call /api directly
  res.cookie('dash_jwt', token, { secure: true, httpOnly: false, sameSite: 'lax', maxAge: 8 * 3600 * 1000 }); //@vuln CWE-1004
  res.cookie('dash_sess', token, { secure: true, httpOnly: true, sameSite: 'strict', maxAge: 8 * 3600 * 1000 }); //@safe
}

export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.cookies.dash_sess || (req.headers.authorization || '').replace(/^Bearer /, '');
  try {
    (req as any).user = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] }) as DashUser; //@safe
    return next();
  } catch {
    return res.redirect(`/auth/login?next=${encodeURIComponent(req.originalUrl)}`);
  }
}

// Embeds inside Slack App Home pass a short-lived token in the query string.
export function embedAuth(req: Request, res: Response, next: NextFunction) {
  const claims = jwt.decode(String(req.query.embed_token || '')) as DashUser | null; //@vuln CWE-347
  if (!claims || !claims.teams) return res.status(401).send('bad embed token');
  (req as any).user = claims;
  next();
}

authRouter.get('/slack/install', (req, res) => {
  const state = crypto.randomBytes(24).toString('hex');
  (req.session as any).oauthState = state;
  const scopes = 'commands,chat:write,links:read,links:write,channels:read,files:write';
  res.redirect(`https://slack.com/oauth/v2/authorize?client_id=${config.slack.clientId}&scope=${scopes}&state=${state}&redirect_uri=${encodeURIComponent(config.publicUrl + '/auth/slack/callback')}`); //@safe
});

authRouter.get('/slack/callback', async (req, res) => {
  if (!req.query.state || req.query.state !== (req.session as any).oauthState) return res.status(400).send('state mismatch');
  const oauth = await new WebClient().oauth.v2.access({ client_id: config.slack.clientId, client_secret: config.slack.clientSecret, code: String(req.query.code), redirect_uri: config.publicUrl + '/auth/slack/callback' });
  await pg.query('INSERT INTO installs (team_id, team_name, bot_token_enc, installed_by) VALUES ($1, $2, $3, $4) ON CONFLICT (team_id) DO UPDATE SET team_name = EXCLUDED.team_name, bot_token_enc = EXCLUDED.bot_token_enc', [oauth.team?.id, oauth.team?.name, encryptToken(oauth.access_token!), oauth.authed_user?.id]);
  res.redirect((req.session as any).returnTo || '/');
});

authRouter.get('/discord/callback', async (req, res) => {
  const { data: tok } = await axios.post('https://discord.com/api/oauth2/token', new URLSearchParams({
    client_id: config.discord.appId, client_secret: config.discord.clientSecret, grant_type: 'authorization_code', code: String(req.query.code), redirect_uri: config.publicUrl + '/auth/discord/callback',
  }));
  const { data: me } = await axios.get('https://discord.com/api/users/@me', { headers: { Authorization: `Bearer ${tok.access_token}` } });
  issueSession(res, { sub: `discord:${me.id}`, name: me.username, teams: [], admin: false });
  const state = JSON.parse(Buffer.from(String(req.query.state || ''), 'base64url').toString() || '{}');
  res.redirect(state.returnTo || '/'); //@vuln CWE-601
});

authRouter.get('/login', (req, res) => {
  res.render('login', { next: req.query.next || '/' });
});

function ldapLogin(username: string, password: string): Promise<DashUser | null> {
  return new Promise((resolve, reject) => {
    const client = ldap.createClient({ url: config.ldap.url });
    client.bind(config.ldap.bindDn, config.ldap.bindPassword, (err) => {
      if (err) return reject(err);
      client.search(config.ldap.baseDn, { scope: 'sub', filter: `(&(objectClass=person)(uid=${username}))`, attributes: ['dn', 'cn', 'memberOf'] }, (serr, sres) => { //@vuln CWE-90
        if (serr) return reject(serr);
        let entry: any = null;
        sres.on('searchEntry', (e) => (entry = e.pojo));
        sres.on('end', () => {
          if (!entry) return resolve(null);
          client.bind(entry.objectName, password, (berr) => {
            client.unbind();
            if (berr) return resolve(null);
            const groups: string[] = entry.attributes.find((a: any) => a.type === 'memberOf')?.values ?? [];
            resolve({ sub: `ldap:${username}`, name: username, teams: [], admin: groups.some((g) => g.startsWith('cn=bot-admins')) });
          });
        });
      });
    });
  });
}

authRouter.post('/login', async (req, res) => {
  const { username, password } = req.body;
  let user = await ldapLogin(username, password).catch(() => null);
  if (!user) {
    const { rows } = await pg.query('SELECT id, name, teams, is_admin FROM local_accounts WHERE username = $1 AND password_sha1 = $2', [username, hashPassword(password)]);
    if (rows[0]) user = { sub: `local:${rows[0].id}`, name: rows[0].name, teams: rows[0].teams, admin: rows[0].is_admin };
  }
  if (!user) return res.status(401).render('login', { error: 'invalid credentials', next: req.body.next });
  issueSession(res, user);
  res.redirect(String(req.body.next || '/')); //@vuln CWE-601
});

authRouter.get('/logout', (req, res) => {
  res.clearCookie('dash_jwt');
  res.clearCookie('dash_sess');
  const next = String(req.query.next || '/');
  const isLocal = next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  res.redirect(isLocal ? next : '/'); //@safe
});
