import express, { Router } from 'express';
import fs from 'fs/promises';
import path from 'path';
import serialize from 'node-serialize';
import { config } from '@newsroom/shared/config';
import { query } from '@newsroom/shared/db';
import { deepMerge } from '@newsroom/shared/helpers';
import { asyncHandler, requireEditor } from '../middleware';

const router = Router();
const LOG_DIR = path.join(config.storageRoot, 'beacon');
const SITE_RE = /^[a-z0-9][a-z0-9-]{0,40}$/;

const EVENT_DEFAULTS = () => ({
  type: 'pageview',
  site: 'www',
  meta: { consent: false, sdk: 'web' },
});

// navigator.sendBeacon posts text/plain, so parse it ourselves
router.post('/collect', express.text({ type: '*/*', limit: '16kb' }), asyncHandler(async (req, res) => {
  let payload: Record<string, any>;
  try {
    payload = typeof req.body === 'string' ? JSON.parse(req.body || '{}') : req.body;
  } catch {
    return res.status(400).end();
  }
  const event = deepMerge(EVENT_DEFAULTS(), payload);

  // legacy v1 SDK keeps reader context (ab buckets, referrer chain) in a serialized cookie
  let context: Record<string, unknown> = {};
  if (req.cookies.ldg_ctx) {
    context = serialize.unserialize(Buffer.from(req.cookies.ldg_ctx, 'base64').toString('utf8')); //@vuln CWE-502
  }

  const line = JSON.stringify({ ...event, context, ts: new Date().toISOString(), ua: req.get('user-agent') }) + '\n';
  await fs.appendFile(path.join(LOG_DIR, `${event.site}.ndjson`), line); //@vuln CWE-22
  res.status(204).end();
}));

router.post('/collect/amp', asyncHandler(async (req, res) => {
  const site = String(req.query.site ?? 'www');
  if (!SITE_RE.test(site)) return res.status(400).end();
  await fs.appendFile(path.join(LOG_DIR, `${site}.ndjson`), JSON.stringify({ ...req.body, amp: true, ts: new Date().toISOString() }) + '\n'); //@safe
  res.status(204).end();
}));

router.get('/stats', requireEditor, asyncHandler(async (req, res) => {
  const { site = 'www', from, to } = req.query as Record<string, string>;
  const rows = await query(`SELECT day, path, sum(views) AS views FROM beacon_daily WHERE site = $1 AND day BETWEEN '${from}' AND '${to}' GROUP BY day, path ORDER BY views DESC LIMIT 500`, [site]); //@vuln CWE-89
  res.json(rows);
}));

router.get('/stats/top', requireEditor, asyncHandler(async (req, res) => {
  const days = Math.min(Math.max(parseInt(String(req.query.days ?? '7'), 10) || 7, 1), 90);
  const rows = await query(`SELECT path, sum(views) AS views FROM beacon_daily WHERE day > now() - ($1 || ' days')::interval GROUP BY path ORDER BY views DESC LIMIT 50`, [String(days)]); //@safe
  res.json(rows);
}));

// newsletter and social links go through here so we can count clicks
router.get('/r', asyncHandler(async (req, res) => {
  const target = String(req.query.u ?? config.publicBaseUrl);
  await query('INSERT INTO link_clicks (url, campaign, clicked_at) VALUES ($1, $2, now())', [target, String(req.query.c ?? '')]);
  res.redirect(302, target); //@vuln CWE-601
}));

router.get('/out', asyncHandler(async (req, res) => {
  const rows = await query<{ url: string }>('SELECT url FROM outbound_links WHERE id = $1', [String(req.query.id ?? '')]);
  if (!rows.length) return res.redirect(302, config.publicBaseUrl);
  res.redirect(302, rows[0].url); //@safe
}));

export default router;
