import { Queue } from 'bullmq';
import { NextFunction, Request, Response, Router } from 'express';
import { container } from 'tsyringe';
import { UnfurlService } from '../services/unfurl.service';
import { WebhookService } from '../services/webhook.service';
import { compileTemplate, escapeHtml, layout, renderPlaceholders } from '../utils/template';

const emailQueue = new Queue('emails', { connection: { host: process.env.REDIS_HOST ?? 'queue-redis.internal' } });
type Handler = (req: Request, res: Response) => unknown;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => Promise.resolve(fn(req, res)).catch(next);

export class NotificationController {
  private readonly unfurl = container.resolve(UnfurlService);
  private readonly webhooks = container.resolve(WebhookService);

  previewTemplate: Handler = (req, res) => {
    const { template, vars = {} } = req.body as { template: string; vars?: Record<string, unknown> };
    res.json({ html: compileTemplate(template)(vars) });
  };

  previewPage: Handler = (req, res) => {
    const recipient = req.query.recipient as string;
    const body = renderPlaceholders(String(req.query.body ?? ''), req.query as Record<string, unknown>);
    res.send(layout('Preview', `<p>To: ${recipient}</p><div class="body">${body}</div>`)); //@vuln CWE-79
  };

  previewPageEscaped: Handler = (req, res) => {
    const recipient = escapeHtml(req.query.recipient);
    const body = renderPlaceholders(String(req.query.body ?? ''), req.query as Record<string, unknown>);
    res.send(layout('Preview', `<p>To: ${recipient}</p><div class="body">${escapeHtml(body)}</div>`)); //@safe
  };

  unfurlLink: Handler = async (req, res) => res.json(await this.unfurl.preview(String(req.query.url)));

  testWebhook: Handler = async (req, res) => res.json({ status: await this.webhooks.testDelivery(req.body.url) });

  send: Handler = async (req, res) => {
    const { userId, template, subject, vars } = req.body;
    const profile = await this.unfurl.recipientProfile(userId);
    const job = await emailQueue.add('send', { to: profile.email, template, subject, vars: { name: profile.name, ...vars } });
    res.status(202).json({ jobId: job.id });
  };
}

export function notificationRoutes(): Router {
  const ctrl = new NotificationController();
  const r = Router();
  r.post('/templates/preview', wrap(ctrl.previewTemplate));
  r.get('/preview', wrap(ctrl.previewPage));
  r.get('/v2/preview', wrap(ctrl.previewPageEscaped));
  r.get('/unfurl', wrap(ctrl.unfurlLink));
  r.post('/webhooks/test', wrap(ctrl.testWebhook));
  r.post('/notifications', wrap(ctrl.send));
  return r;
}
