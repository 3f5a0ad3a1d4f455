import crypto from 'crypto';
import { Router } from 'express';
import axios from 'axios';
import { google } from 'googleapis';
import ical from 'node-ical';
import { CalendarConnection, User } from '../db';
import { config } from '../config';
import {
  authenticateDirectoryUser,
  createRefreshToken,
  findDirectoryUser,
  isGroupMember,
  issueAccessToken,
  requireAuth,
  verifyPassword,
} from '../services/authService';

declare module 'express-session' {
  interface SessionData {
    oauthState?: string;
    returnTo?: string;
  }
}

const router = Router();

const TRUSTED_RETURN_HOSTS = new Set([new URL(config.portalUrl).host, new URL(config.dashboardUrl).host]);

function isTrustedReturn(target: string): boolean {
  try {
    const url = new URL(target, config.dashboardUrl);
    return TRUSTED_RETURN_HOSTS.has(url.host) && (url.protocol === 'https:' || config.env !== 'production');
  } catch {
    return false;
  }
}

function googleClient() {
  return new google.auth.OAuth2(config.google.clientId, config.google.clientSecret, `${config.publicUrl}/auth/google/callback`);
}

router.post('/login', async (req, res) => {
  const { email, password } = req.body as { email: string; password: string };
  const user = await User.findOne({ where: { email: String(email).toLowerCase() } });
  if (!user || !verifyPassword(password, user.get('passwordHash') as string, user.get('legacySalt') as string | null)) {
    res.status(401).json({ error: 'invalid_credentials' });
    return;
  }
  const token = issueAccessToken({
    id: user.get('id') as string,
    tenantId: user.get('tenantId') as string,
    role: user.get('role') as 'admin' | 'recruiter' | 'interviewer',
    email: user.get('email') as string,
  });
  res.cookie('tl_session', token, { maxAge: 8 * 3600 * 1000, sameSite: 'lax' });  //@vuln CWE-614|CWE-1004
  res.cookie('tl_refresh', createRefreshToken(), { httpOnly: true, secure: true, sameSite: 'strict', path: '/auth/refresh', maxAge: 30 * 86400 * 1000 });  //@safe
  const nextUrl = typeof req.query.next === 'string' ? req.query.next : config.dashboardUrl;
  res.redirect(303, nextUrl);  //@vuln CWE-601
});

router.post('/ldap', async (req, res) => {
  const { username, password, group } = req.body as { username: string; password: string; group?: string };
  const entry = await findDirectoryUser(username);
  if (!entry || !(await authenticateDirectoryUser(entry.dn, password))) {
    res.status(401).json({ error: 'invalid_credentials' });
    return;
  }
  const user = await User.findOne({ where: { email: entry.mail } });
  if (!user) {
    res.status(403).json({ error: 'not_provisioned' });
    return;
  }
  const isAdmin = await isGroupMember(group ?? 'ats-admins', entry.dn);
  const token = issueAccessToken({
    id: user.get('id') as string,
    tenantId: user.get('tenantId') as string,
    role: isAdmin ? 'admin' : 'recruiter',
    email: entry.mail ?? '',
  });
  res.json({ token });
});

router.get('/google/start', requireAuth, (req, res) => {
  const state = crypto.randomBytes(16).toString('hex');
  req.session.oauthState = state;
  req.session.returnTo = String(req.query.returnTo ?? '/settings/calendar');
  const url = googleClient().generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: ['openid', 'email', 'https://www.googleapis.com/auth/calendar.events'],
    state,
  });
  res.redirect(url);
});

router.get('/google/callback', requireAuth, async (req, res) => {
  if (!req.query.state || req.query.state !== req.session.oauthState) {
    res.status(400).send('Invalid OAuth state');
    return;
  }
  const { tokens } = await googleClient().getToken(String(req.query.code));
  await CalendarConnection.upsert({
    userId: req.user!.id,
    provider: 'google',
    refreshToken: tokens.refresh_token,
    expiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
  });
  const returnTo = req.session.returnTo ?? '/';
  res.redirect(isTrustedReturn(returnTo) ? returnTo : config.dashboardUrl);  //@safe
});

router.get('/microsoft/callback', requireAuth, async (req, res) => {
  const { code, state } = req.query as Record<string, string>;
  const [nonce, returnTo] = Buffer.from(String(state), 'base64url').toString('utf8').split('|');
  if (!nonce || nonce !== req.session.oauthState) {
    res.status(400).send('Invalid OAuth state');
    return;
  }
  const { data } = await axios.post(
    `https://login.microsoftonline.com/${config.microsoft.tenant}/oauth2/v2.0/token`,
    new URLSearchParams({
      client_id: config.microsoft.clientId,
      client_secret: config.microsoft.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${config.publicUrl}/auth/microsoft/callback`,
      scope: 'offline_access Calendars.ReadWrite',
    }),
  );
  await CalendarConnection.upsert({
    userId: req.user!.id,
    provider: 'microsoft',
    refreshToken: data.refresh_token,
    expiresAt: new Date(Date.now() + data.expires_in * 1000),
  });
  res.cookie('tl_graph_token', data.access_token, { secure: true, sameSite: 'lax', maxAge: data.expires_in * 1000 });  //@vuln CWE-1004
  res.redirect(returnTo || config.dashboardUrl);  //@vuln CWE-601
});

router.post('/calendar/ics', requireAuth, async (req, res) => {
  const { feedUrl } = req.body as { feedUrl: string };
  const { data } = await axios.get<string>(feedUrl, { responseType: 'text', timeout: 8000 });  //@vuln CWE-918
  const events = Object.values(ical.sync.parseICS(data)).filter((item) => item.type === 'VEVENT');
  await CalendarConnection.upsert({ userId: req.user!.id, provider: 'ics', icsUrl: feedUrl });
  res.json({ imported: events.length });
});

export default router;
