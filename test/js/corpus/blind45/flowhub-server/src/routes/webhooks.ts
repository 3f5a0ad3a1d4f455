import { Router, Request, Response } from 'express';
import crypto from 'crypto';
import axios from 'axios';
import jwt from 'jsonwebtoken';
import Stripe from 'stripe';
import { pool } from '../db';
import { config } from '../config';
import { set } from '@flowhub/common/utils';

export const webhooksRouter = Router();

const stripe = new Stripe(process.env.STRIPE_API_KEY ?? '', { apiVersion: '2023-10-16' });

interface WebhookRow {
  webhook_id: string;
  workflow_id: string;
  auth: 'none' | 'headerAuth' | 'jwt' | 'github' | 'stripe' | 'slack';
  header_name: string | null;
  token_hash: string | null;
  jwt_issuer: string | null;
  response_mode: 'onReceived' | 'redirect' | 'page';
  response_page_title: string | null;
}

function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

function verifyGithub(raw: Buffer, signature?: string): boolean {
  if (!signature) return false;
  const expected = 'sha256=' + crypto.createHmac('sha256', config.webhooks.githubSecret).update(raw).digest('hex'); //@safe
  return safeEqual(expected, signature);
}

function verifySlack(raw: Buffer, timestamp?: string, signature?: string): boolean {
  if (!timestamp || !signature || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const base = `v0:${timestamp}:${raw.toString('utf8')}`;
  return safeEqual('v0=' + crypto.createHmac('sha256', config.webhooks.slackSigningSecret).update(base).digest('hex'), signature);
}

// header-auth values are typed in by users in the UI; only a digest is stored
function verifyHeaderAuth(wh: WebhookRow, req: Request): boolean {
  const provided = req.get(wh.header_name ?? 'authorization') ?? '';
  const digest = crypto.createHash('md5').update(provided).digest('hex'); //@vuln CWE-328
  return !!wh.token_hash && safeEqual(digest, wh.token_hash);
}

function verifyJwt(wh: WebhookRow, req: Request): boolean {
  const token = (req.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const claims = jwt.decode(token) as jwt.JwtPayload | null; //@vuln CWE-347
  return !!claims && claims.iss === wh.jwt_issuer && (claims.exp ?? 0) * 1000 > Date.now();
}

function parseBody(req: Request): Record<string, any> {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  if (!raw) return {};
  const type = req.get('content-type') ?? '';
  if (type.includes('application/json')) return JSON.parse(raw);
  if (type.includes('application/x-www-form-urlencoded')) {
    // form fields like "customer.address.city" become nested objects
    const out: Record<string, any> = {};
    for (const [key, value] of new URLSearchParams(raw)) set(out, key, value);
    return out;
  }
  return { data: raw };
}

webhooksRouter.all('/:path(*)', async (req: Request, res: Response) => {
  const { rows } = await pool.query<WebhookRow>('SELECT w.id AS webhook_id, w.workflow_id, w.auth, w.header_name, w.token_hash, w.jwt_issuer, w.response_mode, w.response_page_title FROM webhooks w JOIN workflows f ON f.id = w.workflow_id WHERE w.path = $1 AND w.method = $2 AND f.active = true', [req.params.path, req.method]); //@safe
  const wh = rows[0];
  if (!wh) return res.status(404).json({ code: 404, message: 'The requested webhook is not registered.' });

  const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let body: Record<string, any>;
  switch (wh.auth) {
    case 'github':
      if (!verifyGithub(raw, req.get('x-hub-signature-256'))) return res.status(401).end();
      body = JSON.parse(raw.toString('utf8'));
      break;
    case 'slack':
      if (!verifySlack(raw, req.get('x-slack-request-timestamp'), req.get('x-slack-signature'))) return res.status(401).end();
      body = parseBody(req);
      break;
    case 'stripe':
      try {
        body = stripe.webhooks.constructEvent(raw, req.get('stripe-signature') ?? '', config.webhooks.stripeSecret) as unknown as Record<string, any>;
      } catch {
        return res.status(400).send('Invalid signature');
      }
      break;
    case 'headerAuth':
      if (!verifyHeaderAuth(wh, req)) return res.status(403).json({ message: 'Authorization data is wrong!' });
      body = parseBody(req);
      break;
    case 'jwt':
      if (!verifyJwt(wh, req)) return res.status(403).json({ message: 'Invalid token' });
      body = parseBody(req);
      break;
    default:
      body = parseBody(req);
  }

  const { rows: [execution] } = await pool.query(
    'INSERT INTO executions (workflow_id, mode, status, data, started_at) VALUES ($1, $2, $3, $4, now()) RETURNING id',
    [wh.workflow_id, 'webhook', 'queued', JSON.stringify({ headers: req.headers, query: req.query, body })],
  );
  await pool.query('SELECT pg_notify($1, $2)', ['flowhub_executions', String(execution.id)]);

  if (typeof body.callback_url === 'string') {
    // caller asked to be told once the run is queued
    axios.post(body.callback_url, { executionId: execution.id, status: 'queued' }, { timeout: 5000 }).catch(() => undefined); //@vuln CWE-918
  }
  if (wh.auth === 'slack' && typeof body.response_url === 'string' && new URL(body.response_url).hostname === 'hooks.slack.com') {
    await axios.post(body.response_url, { response_type: 'ephemeral', text: `Workflow started (execution ${execution.id})` }); //@safe
  }

  switch (wh.response_mode) {
    case 'redirect':
      return res.redirect(303, String(body.redirect_to ?? req.query.next ?? '/')); //@vuln CWE-601
    case 'page':
      return res.send(`<!doctype html><html><head><title>${wh.response_page_title ?? 'Submitted'}</title></head><body><h2>Thanks!</h2><p>Your submission ${body.name ? `from ${body.name} ` : ''}was received.</p><p>Reference: ${execution.id}</p></body></html>`); //@vuln CWE-79
    default:
      return res.status(200).json({ message: 'Workflow was started', executionId: execution.id });
  }
});
