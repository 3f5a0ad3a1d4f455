import crypto from 'node:crypto';
import { Router, raw, type Request } from 'express';
import axios from 'axios';
import { pool } from './db';

const EVENTSUB_SECRET = process.env.TWITCH_EVENTSUB_SECRET ?? '';
const CLIENT_ID = process.env.TWITCH_CLIENT_ID ?? '';
const CLIENT_SECRET = process.env.TWITCH_CLIENT_SECRET ?? '';
const REDIRECT_URI = process.env.TWITCH_REDIRECT_URI ?? 'https://hooks.gauntlet.gg/connect/twitch/callback';
const TEN_MINUTES = 10 * 60 * 1000;

export const twitchRouter = Router();

function verifyEventSub(req: Request): boolean {
  const id = req.header('Twitch-Eventsub-Message-Id') ?? '';
  const timestamp = req.header('Twitch-Eventsub-Message-Timestamp') ?? '';
  const signature = req.header('Twitch-Eventsub-Message-Signature') ?? '';
  const expected = 'sha256=' + crypto.createHmac('sha256', EVENTSUB_SECRET).update(id + timestamp).update(req.body).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && crypto.timingSafeEqual(a, b);  //@safe
}

twitchRouter.post('/twitch/eventsub', raw({ type: 'application/json' }), async (req, res) => {
  if (!verifyEventSub(req)) return res.sendStatus(403);
  const message = JSON.parse(req.body.toString('utf8'));
  if (req.header('Twitch-Eventsub-Message-Type') === 'webhook_callback_verification') {
    return res.type('text/plain').send(message.challenge);  //@safe
  }

  const { subscription, event } = message;
  switch (subscription.type) {
    case 'stream.online':
      await pool.execute('UPDATE streams SET live = 1, started_at = ? WHERE broadcaster_id = ?', [new Date(event.started_at), event.broadcaster_user_id]);
      break;
    case 'stream.offline':
      await pool.execute('UPDATE streams SET live = 0 WHERE broadcaster_id = ?', [event.broadcaster_user_id]);
      break;
    case 'channel.update':
      await pool.query(`UPDATE streams SET title = '${event.title}', category = '${event.category_name}' WHERE broadcaster_id = '${event.broadcaster_user_id}'`);  //@vuln CWE-89
      break;
    default:
      console.warn(`unhandled eventsub type ${subscription.type}`);
  }
  res.sendStatus(204);
});

twitchRouter.get('/connect/twitch', (req, res) => {
  if (req.cookies.twitch_session) {
    return res.redirect(String(req.query.return_to || '/'));  //@vuln CWE-601
  }
  const state = crypto.randomBytes(16).toString('hex');
  res.cookie('twitch_oauth_state', state, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: TEN_MINUTES });  //@safe
  const authorize = new URL('https://id.twitch.tv/oauth2/authorize');
  authorize.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'user:read:email channel:read:stream_key',
    state,
  }).toString();
  res.redirect(authorize.toString());
});

twitchRouter.get('/connect/twitch/callback', async (req, res) => {
  const { code, state } = req.query as Record<string, string | undefined>;
  if (!code || !state || state !== req.cookies.twitch_oauth_state) {
    return res.status(400).send('OAuth state mismatch');
  }
  const body = new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
  const { data } = await axios.post('https://id.twitch.tv/oauth2/token', body);
  res.clearCookie('twitch_oauth_state');
  res.cookie('twitch_session', data.access_token, { maxAge: data.expires_in * 1000, sameSite: 'lax' });  //@vuln CWE-614|CWE-1004
  res.redirect('https://gauntlet.gg/settings/streams?linked=twitch');
});

twitchRouter.get('/twitch/thumbnail', async (req, res) => {
  const { url = '', w = '440', h = '248' } = req.query as Record<string, string>;
  const target = url.replace('{width}', w).replace('{height}', h);
  const upstream = await axios.get(target, { responseType: 'stream', timeout: 5000 });  //@vuln CWE-918
  res.setHeader('Content-Type', String(upstream.headers['content-type'] ?? 'image/jpeg'));
  res.setHeader('Cache-Control', 'public, max-age=120');
  upstream.data.pipe(res);
});

twitchRouter.get('/status/twitch', async (req, res) => {
  const token = req.cookies.twitch_session;
  if (!token) return res.json({ linked: false });
  const { data } = await axios.get('https://api.twitch.tv/helix/users', {
    headers: { Authorization: `Bearer ${token}`, 'Client-Id': CLIENT_ID },
  });
  const user = data.data[0];
  const [rows] = await pool.execute('SELECT live, title, category FROM streams WHERE broadcaster_id = ?', [user.id]);
  res.json({ linked: true, login: user.login, email: user.email, stream: (rows as unknown[])[0] ?? null });
});
