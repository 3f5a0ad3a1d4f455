import axios from 'axios';
import { createHmac } from 'node:crypto';
import { injectable } from 'tsyringe';

export type WebhookSubscription = { id: string; url: string; secret: string; events: string[] };

const ALLOWED_WEBHOOK_HOSTS = new Set(['hooks.slack.com', 'hooks.example-partner.com', 'api.pagerduty.com']);

export class WebhookRejected extends Error {
  status = 422;
}

@injectable()
export class WebhookService {
  private assertAllowed(raw: string): URL {
    const url = new URL(raw);
    if (url.protocol !== 'https:' || !ALLOWED_WEBHOOK_HOSTS.has(url.hostname)) {
      throw new WebhookRejected(`webhook host not allowed: ${url.hostname}`);
    }
    return url;
  }

  async deliver(sub: WebhookSubscription, event: string, payload: unknown): Promise<number> {
    const target = this.assertAllowed(sub.url);
    const body = JSON.stringify({ event, payload, sentAt: new Date().toISOString() });
    const signature = createHmac('sha256', sub.secret).update(body).digest('hex');
    const headers = { 'Content-Type': 'application/json', 'X-Signature': signature };
    const res = await axios.post(target.toString(), body, { headers, timeout: 4000, maxRedirects: 0 }); //@safe
    return res.status;
  }

  async testDelivery(url: string): Promise<number> {
    const res = await axios.post(url, { event: 'ping' }, { timeout: 4000 }); //@vuln CWE-918
    return res.status;
  }
}
