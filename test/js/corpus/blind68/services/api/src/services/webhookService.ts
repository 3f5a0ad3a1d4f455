import crypto from 'crypto';
import fs from 'fs';
import https from 'https';
import axios from 'axios';
import { Queue, Worker } from 'bullmq';
import { unserialize } from 'node-serialize';
import { config } from '../config';
import { WebhookSubscription } from '../db';

export interface HrisEvent {
  type: string;
  data: Record<string, unknown>;
  occurredAt?: string;
}

interface DeliveryTarget {
  id: string;
  url: string;
  secret: string;
  legacy: boolean;
}

interface DeliveryJob {
  subscription: DeliveryTarget;
  event?: HrisEvent;
  encoded?: string;
}

export const webhookQueue = new Queue<DeliveryJob>('hris-webhooks', { connection: config.redis });

const partnerAgent = new https.Agent({
  ca: fs.readFileSync(process.env.HRIS_PARTNER_CA ?? '/etc/talentloop/hris-ca.pem'),
  rejectUnauthorized: true,  //@safe
});

const legacyAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });  //@vuln CWE-295

const secretKey = crypto.createHash('sha256').update(process.env.WEBHOOK_SECRET_KEY ?? '').digest();
const referenceKey = Buffer.from(process.env.HRIS_REFERENCE_KEY ?? '', 'hex');

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', secretKey, iv);  //@safe
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join('.');
}

export function decryptSecret(stored: string): string {
  const [iv, tag, body] = stored.split('.').map((part) => Buffer.from(part, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', secretKey, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

// Stable external reference so HRIS systems never see our internal UUIDs.
export function externalCandidateRef(candidateId: string): string {
  const cipher = crypto.createCipheriv('aes-128-ecb', referenceKey, null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(candidateId, 'utf8'), cipher.final()]).toString('hex');
}

export function signPayload(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('hex');  //@safe
}

export function legacySignature(secret: string, body: string): string {
  return crypto.createHash('sha1').update(secret + body).digest('hex');  //@vuln CWE-328|CWE-327
}

export function isAllowedHost(target: string): boolean {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' && config.webhookAllowedHosts.includes(url.hostname);
  } catch {
    return false;
  }
}

export async function deliver(target: DeliveryTarget, event: HrisEvent) {
  const body = JSON.stringify({ ...event, occurredAt: event.occurredAt ?? new Date().toISOString() });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-TalentLoop-Event': event.type,
    'X-TalentLoop-Signature': signPayload(target.secret, body),
  };
  if (target.legacy) {
    headers['X-Signature'] = legacySignature(target.secret, body);
  }
  return axios.post(target.url, body, { headers, timeout: 10_000, maxRedirects: 0, httpsAgent: target.legacy ? legacyAgent : undefined });  //@vuln CWE-918
}

export async function sendTestEvent(url: string, secret: string) {
  if (!isAllowedHost(url)) {
    throw Object.assign(new Error('Webhook host is not on the allow list'), { status: 400 });
  }
  const body = JSON.stringify({ type: 'ping', data: {}, occurredAt: new Date().toISOString() });
  return axios.post(url, body, {  //@safe
    headers: { 'Content-Type': 'application/json', 'X-TalentLoop-Signature': signPayload(secret, body) },
    httpsAgent: partnerAgent,
    timeout: 5000,
    maxRedirects: 0,
  });
}

export async function fanOut(tenantId: string, event: HrisEvent): Promise<number> {
  const subscriptions = await WebhookSubscription.findAll({ where: { tenantId, active: true } });
  const matching = subscriptions.filter((sub) => {
    const events = sub.get('events') as string[];
    return events.includes('*') || events.includes(event.type);
  });
  await webhookQueue.addBulk(
    matching.map((sub) => ({
      name: event.type,
      data: {
        subscription: {
          id: sub.get('id') as string,
          url: sub.get('url') as string,
          secret: decryptSecret(sub.get('secretEnc') as string),
          legacy: Boolean(sub.get('legacy')),
        },
        event,
      },
      opts: { attempts: 6, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: 1000 },
    })),
  );
  return matching.length;
}

export function startWebhookWorker(): Worker<DeliveryJob> {
  return new Worker<DeliveryJob>(
    'hris-webhooks',
    async (job) => {
      const event: HrisEvent = job.data.encoded ? unserialize(job.data.encoded) : job.data.event!;  //@vuln CWE-502
      const response = await deliver(job.data.subscription, event);
      return { status: response.status };
    },
    { connection: config.redis, concurrency: 8 },
  );
}
