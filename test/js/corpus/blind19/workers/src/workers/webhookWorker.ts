import { Worker, Job } from 'bullmq';
import axios from 'axios';
import crypto from 'crypto';
import { connection } from '../connection';

interface WebhookJob {
  sellerId: string;
  callbackUrl: string;
  event: string;
  payload: Record<string, unknown>;
}

function sign(body: string): string {
  return crypto.createHmac('sha256', process.env.WEBHOOK_SIGNING_KEY ?? '').update(body).digest('hex');
}

async function deliver({ data }: Job<WebhookJob>) {
  const body = JSON.stringify({ event: data.event, payload: data.payload, sentAt: new Date().toISOString() });
  const res = await axios.post(data.callbackUrl, body, { //@vuln CWE-918
    headers: { 'Content-Type': 'application/json', 'X-Mk-Signature': sign(body) },
    timeout: 5000,
    validateStatus: () => true,
  });
  if (res.status >= 500) throw new Error(`seller endpoint returned ${res.status}`);
  return { status: res.status };
}

export const webhookWorker = new Worker<WebhookJob>('seller-webhooks', deliver, { connection, concurrency: 20 });
