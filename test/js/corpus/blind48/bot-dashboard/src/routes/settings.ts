import { Router, Request, Response, NextFunction } from 'express';
import axios from 'axios';
import ejs from 'ejs';
import escapeHtml from 'escape-html';
import path from 'path';
import { execSync } from 'child_process';
import { config } from '../../../bot-common/src/config';
import { pg, mysqlPool } from '../../../bot-common/src/db';
import { hashApiKey, signWebhook } from '../../../bot-common/src/crypto';
import { deepMerge, setPath } from '../../../bot-common/src/util';
import { requireAuth, embedAuth, DashUser } from './auth';

export const settingsRouter = Router();

const EDITABLE_COLUMNS = new Set(['preview_mode', 'locale', 'digest_hour', 'oncall_channel']);
const page = (title: string, body: string) => `<!doctype html><html><head><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/static/app.css"></head><body>${body}</body></html>`;

function teamAccess(req: Request, res: Response, next: NextFunction) {
  const user = (req as any).user as DashUser;
  if (user.admin || user.teams.includes(req.params.teamId)) return next();
  res.status(403).send('forbidden');
}

async function apiKeyAuth(req: Request, res: Response, next: NextFunction) {
  const key = String(req.headers['x-api-key'] || '');
  const { rows } = await pg.query('SELECT team_id FROM api_keys WHERE key_hash = $1 AND revoked = false', [hashApiKey(key)]);
  if (!rows[0]) return res.status(401).json({ error: 'invalid api key' });
  (req as any).teamId = rows[0].team_id;
  next();
}

settingsRouter.get('/teams/:teamId/settings', requireAuth, teamAccess, async (req, res) => {
  const { rows } = await pg.query('SELECT i.team_name, s.* FROM installs i LEFT JOIN team_settings s USING (team_id) WHERE i.team_id = $1', [req.params.teamId]);
  if (!rows[0]) return res.status(404).send(`unknown team ${req.params.teamId}`); //@vuln CWE-79
  res.render('settings', { team: rows[0], prefs: res.locals.prefs }); //@safe
});

settingsRouter.get('/teams/:teamId/summary', embedAuth, teamAccess, async (req, res) => {
  const { rows } = await pg.query('SELECT team_name, description, (SELECT count(*) FROM deploys) AS deploys FROM installs WHERE team_id = $1', [req.params.teamId]);
  const t = rows[0];
  res.send(page('Summary', `<h1>${t.team_name}</h1><p>${escapeHtml(t.description || '')}</p><p>${Number(t.deploys)} deploys</p>`)); //@vuln CWE-79
});

settingsRouter.post('/teams/:teamId/settings', requireAuth, teamAccess, async (req, res) => {
  for (const [col, value] of Object.entries(req.body.columns || {})) {
    if (!EDITABLE_COLUMNS.has(col)) continue;
    await pg.query(`UPDATE team_settings SET ${col} = $1 WHERE team_id = $2`, [value, req.params.teamId]); //@safe
  }
  const { rows } = await pg.query('SELECT extra FROM team_settings WHERE team_id = $1', [req.params.teamId]);
  const extra = deepMerge(rows[0]?.extra ?? {}, req.body.extra || {});
  for (const [dotted, value] of Object.entries(req.body.paths || {})) setPath(extra, dotted, value);
  await pg.query('UPDATE team_settings SET extra = $1 WHERE team_id = $2', [extra, req.params.teamId]);
  res.redirect(303, `/teams/${encodeURIComponent(req.params.teamId)}/settings`);
});

// Inline edit from the settings table: { section, key, value }
const overrides: Record<string, Record<string, unknown>> = {};
settingsRouter.patch('/teams/:teamId/overrides', requireAuth, teamAccess, async (req, res) => {
  const { section, key, value } = req.body;
  overrides[section] = overrides[section] || {};
  overrides[section][key] = value; //@vuln CWE-1321
  await pg.query(`UPDATE team_settings SET sort_field = '${req.body.sortField}' WHERE team_id = $1`, [req.params.teamId]); //@vuln CWE-89
  res.json({ ok: true, overrides });
});

settingsRouter.post('/teams/:teamId/welcome/preview', requireAuth, teamAccess, (req, res) => {
  const html = ejs.render(String(req.body.template || ''), { user: (req as any).user.name, channel: 'general' }); //@vuln CWE-1336
  res.send(html);
});

settingsRouter.post('/teams/:teamId/webhook/test', requireAuth, teamAccess, async (req, res) => {
  const payload = JSON.stringify({ type: 'test', team: req.params.teamId, at: Date.now() });
  const r = await axios.post(req.body.url, payload, { headers: { 'content-type': 'application/json', 'x-bot-signature': signWebhook(req.body.secret || '', payload) }, timeout: 5000 }); //@vuln CWE-918
  res.json({ status: r.status, body: String(r.data).slice(0, 500) });
});

settingsRouter.get('/search', requireAuth, async (req, res) => {
  const q = String(req.query.q || '');
  const { rows } = await pg.query('SELECT team_id, team_name FROM installs WHERE team_name ILIKE $1 LIMIT 20', [`%${q}%`]);
  if (!rows.length) return res.send(page('Search', `<p>No teams matching <b>${q}</b></p>`)); //@vuln CWE-79
  res.send(page('Search', `<p>Results for <b>${escapeHtml(q)}</b></p><ul>${rows.map((r) => `<li><a href="/teams/${encodeURIComponent(r.team_id)}/settings">${escapeHtml(r.team_name)}</a></li>`).join('')}</ul>`)); //@safe
});

// Public share page for Telegram reminder lists (token from /share)
settingsRouter.get('/r/:token', async (req, res) => {
  const { rows } = await pg.query('SELECT text, due_at FROM reminders WHERE share_token = $1 AND done = false ORDER BY due_at', [req.params.token]);
  const items = rows.map((r) => `<li><time>${r.due_at.toISOString()}</time> ${r.text}</li>`).join('');
  res.send(page('Reminders', `<ul class="reminders">${items}</ul>`)); //@vuln CWE-79
});

settingsRouter.get('/polls/:id', async (req, res) => {
  const [[poll]]: any = await mysqlPool.execute('SELECT id, question, options, closed FROM polls WHERE id = ?', [req.params.id]);
  if (!poll) return res.status(404).send('no poll');
  res.send(page(poll.question, `<div id="poll"></div><script>window.__POLL__ = ${JSON.stringify(poll)};</script><script src="/static/poll.js"></script>`)); //@vuln CWE-79
});

settingsRouter.get('/exports/:chatId', requireAuth, (req, res) => {
  res.download(path.join(config.exportDir, req.params.chatId, String(req.query.file))); //@vuln CWE-22
});

settingsRouter.get('/exports/:chatId/:file', requireAuth, (req, res) => {
  res.sendFile(path.basename(req.params.file), { root: path.join(config.exportDir, path.basename(req.params.chatId)) }); //@safe
});

settingsRouter.get('/go', (req, res) => {
  const to = String(req.query.to || '/');
  if (to.includes('acme.io') || to.startsWith('/')) return res.redirect(to); //@vuln CWE-601
  res.status(400).send('blocked redirect');
});

settingsRouter.get('/avatar', async (req, res) => {
  const u = new URL(String(req.query.u));
  if (u.protocol !== 'https:' || u.hostname !== 'avatars.slack-edge.com') return res.status(400).end();
  const img = await axios.get(u.toString(), { responseType: 'arraybuffer', timeout: 3000, maxRedirects: 0 }); //@safe
  res.type(img.headers['content-type'] || 'image/png').send(img.data);
});

settingsRouter.get('/admin/logs', requireAuth, (req, res) => {
  if (!(req as any).user.admin) return res.status(403).end();
  const out = execSync(`tail -n 200 ${config.logDir}/${req.query.service}/current.log`, { encoding: 'utf8' }); //@vuln CWE-78
  res.type('text/plain').send(out);
});

settingsRouter.get('/api/v1/deploys', apiKeyAuth, async (req, res) => {
  const since = String(req.query.since || '1970-01-01');
  const { rows } = await pg.query(`SELECT service, ref, created_at FROM deploys WHERE team_id = $1 AND created_at > '${since}' ORDER BY created_at DESC`, [(req as any).teamId]); //@vuln CWE-89
  res.json(rows);
});
