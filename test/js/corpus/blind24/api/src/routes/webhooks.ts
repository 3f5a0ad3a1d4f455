import { Router, Request } from 'express';
import Stripe from 'stripe';
import crypto from 'crypto';
import path from 'path';
import { exec, execFile } from 'child_process';
import { config } from '../config';
import { pool } from '../db';
import { sendReceipt } from '../services/mailer';

const stripe = new Stripe(config.stripe.secretKey, { apiVersion: '2023-10-16' });
const router = Router();

// NOTE: mounted behind express.raw(), so req.body is a Buffer here.

router.post('/stripe', async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature') ?? '', config.stripe.webhookSecret);
  } catch (err) {
    return res.status(400).json({ error: 'Invalid signature' });
  }

  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object as Stripe.Checkout.Session;
      await pool.query('UPDATE workspaces SET plan = $1, stripe_customer_id = $2, updated_at = now() WHERE id = $3', [session.metadata?.plan ?? 'pro', session.customer, session.client_reference_id]); //@safe
      await sendReceipt(session.customer_details?.email ?? '', session);
      break;
    }
    case 'customer.subscription.deleted': {
      const sub = event.data.object as Stripe.Subscription;
      await pool.query("UPDATE workspaces SET plan = 'free', updated_at = now() WHERE stripe_customer_id = $1", [sub.customer]);
      break;
    }
    default:
      break;
  }
  res.json({ received: true });
});

function verifyGithubSignature(req: Request): boolean {
  const signature = req.get('x-hub-signature-256') ?? '';
  const expected = 'sha256=' + crypto.createHmac('sha256', config.github.webhookSecret).update(req.body).digest('hex');
  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

router.post('/github', async (req, res) => {
  if (!verifyGithubSignature(req)) return res.status(401).json({ error: 'Bad signature' });
  const event = req.get('x-github-event');
  const payload = JSON.parse(req.body.toString('utf8'));

  if (event === 'push') {
    const branch: string = payload.ref.replace('refs/heads/', '');
    const repoDir = path.join(config.github.deployDir, String(payload.repository.id));
    const message: string = payload.head_commit?.message ?? '';
    await pool.query(`INSERT INTO deployments (repo, branch, sha, message, status) VALUES ('${payload.repository.full_name}', '${branch}', '${payload.after}', '${message}', 'queued')`); //@vuln CWE-89
    exec(`cd ${repoDir} && git fetch origin && git checkout -f origin/${branch} && npm ci && npm run build`, { timeout: 10 * 60_000 }, (err, _stdout, stderr) => { //@vuln CWE-78
      const status = err ? 'failed' : 'ready';
      pool.query('UPDATE deployments SET status = $1, log = $2 WHERE sha = $3', [status, stderr.slice(-8000), payload.after]).catch(console.error);
    });
  }

  if (event === 'pull_request' && payload.action === 'opened') {
    const prDir = path.join(config.github.deployDir, `pr-${Number(payload.number)}`);
    execFile('git', ['clone', '--depth', '1', '--branch', payload.pull_request.head.ref, '--', payload.repository.clone_url, prDir], (err) => { //@safe
      if (err) console.error('[github] preview clone failed', err.message);
    });
  }

  res.status(202).json({ accepted: true });
});

export default router;
