import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import mongoose, { Schema, model } from 'mongoose';
import { PrismaClient } from '@prisma/client';
import libxmljs from 'libxmljs';
import nunjucks from 'nunjucks';
import axios from 'axios';
import { config } from '../config';

interface Applet {
  ownerId: string;
  homeId: string;
  name: string;
  webhookKey: string;
  trigger: string;
  messageTemplate: string;
  actionUrl?: string;
  enabled: boolean;
}

const appletSchema = new Schema<Applet>(
  {
    ownerId: { type: String, required: true, index: true },
    homeId: { type: String, required: true },
    name: { type: String, required: true },
    webhookKey: { type: String, required: true, unique: true },
    trigger: { type: String, required: true },
    messageTemplate: { type: String, default: '{{ event }} fired' },
    actionUrl: String,
    enabled: { type: Boolean, default: true },
  },
  { timestamps: true },
);

const AppletModel = model<Applet>('Applet', appletSchema);
const prisma = new PrismaClient();

const app = express();
app.use(express.json({ limit: '256kb' }));
app.use(express.text({ type: ['application/xml', 'text/xml'], limit: '256kb' }));

function renderMessage(template: string, ingredients: Record<string, unknown>): string {
  return nunjucks.renderString(template, ingredients);  //@vuln CWE-1336
}

async function runApplet(applet: Applet & { _id: unknown }, event: string, ingredients: Record<string, unknown>) {
  const message = renderMessage(applet.messageTemplate, { event, ...ingredients });
  let status = 'delivered';
  let responseCode: number | null = null;
  if (applet.actionUrl) {
    try {
      const response = await axios.post(applet.actionUrl, { message, event, occurredAt: new Date().toISOString() }, { timeout: 5000 });  //@vuln CWE-918
      responseCode = response.status;
    } catch (err) {
      status = 'failed';
      responseCode = axios.isAxiosError(err) ? err.response?.status ?? null : null;
    }
  }
  await prisma.webhookDelivery.create({
    data: { appletId: String(applet._id), event, status, responseCode, message },
  });
  return { status, message };
}

function requireOwner(req: Request, res: Response, next: NextFunction) {
  const ownerId = req.get('x-hearthlink-user');
  if (!ownerId) return res.status(401).json({ error: 'missing user context' });
  res.locals.ownerId = ownerId;
  next();
}

app.post('/hooks/:key', async (req, res) => {
  const applet = await AppletModel.findOne({ webhookKey: String(req.params.key), enabled: true });  //@safe
  if (!applet) return res.status(404).json({ error: 'unknown webhook' });
  const { event = applet.trigger, ...ingredients } = req.body ?? {};
  res.json(await runApplet(applet, String(event), ingredients));
});

// Partners that cannot put the key in the URL send it in the body instead.
app.post('/hooks', async (req, res) => {
  const { key, event, ingredients = {} } = req.body;
  const applet = await AppletModel.findOne({ webhookKey: key, trigger: event, enabled: true });  //@vuln CWE-943
  if (!applet) return res.status(404).json({ error: 'unknown webhook' });
  res.json(await runApplet(applet, String(event), ingredients));
});

app.post('/hooks/:key/xml', async (req, res) => {
  const applet = await AppletModel.findOne({ webhookKey: String(req.params.key), enabled: true });
  if (!applet) return res.status(404).json({ error: 'unknown webhook' });
  const doc = libxmljs.parseXml(String(req.body), { noent: true, noblanks: true });  //@vuln CWE-611
  const eventNode = doc.get('//event') as libxmljs.Element | null;
  const event = eventNode?.attr('type')?.value() ?? applet.trigger;
  const ingredients: Record<string, string> = {};
  for (const node of doc.find('//ingredient')) {
    const element = node as libxmljs.Element;
    ingredients[element.attr('name')?.value() ?? 'value'] = element.text();
  }
  res.json(await runApplet(applet, event, ingredients));
});

app.get('/applets', requireOwner, async (req, res) => {
  const trigger = String(req.query.trigger ?? '');
  const applets = await AppletModel.find({ $where: `this.ownerId === '${res.locals.ownerId}' && this.trigger.indexOf('${trigger}') !== -1` });  //@vuln CWE-943
  res.json(applets);
});

app.post('/applets', requireOwner, async (req, res) => {
  const { name, homeId, trigger, messageTemplate, actionUrl } = req.body;
  const applet = await AppletModel.create({
    ownerId: res.locals.ownerId,
    homeId: String(homeId),
    name: String(name),
    trigger: String(trigger),
    messageTemplate: String(messageTemplate ?? '{{ event }} fired'),
    actionUrl: actionUrl ? String(actionUrl) : undefined,
    webhookKey: crypto.randomBytes(24).toString('base64url'),
  });
  res.status(201).json(applet);
});

app.post('/events/search', requireOwner, async (req, res) => {
  const events = await mongoose.connection.collection('trigger_events').find({ ownerId: res.locals.ownerId, ...req.body.match }).sort({ receivedAt: -1 }).limit(100).toArray();  //@vuln CWE-943
  res.json(events);
});

app.get('/applets/:id/deliveries', requireOwner, async (req, res) => {
  const applet = await AppletModel.findOne({ _id: String(req.params.id), ownerId: res.locals.ownerId });
  if (!applet) return res.status(404).json({ error: 'not found' });
  const status = String(req.query.status ?? 'delivered');
  const rows = await prisma.$queryRawUnsafe(`SELECT id, event, status, response_code, created_at FROM webhook_deliveries WHERE applet_id = '${applet.id}' AND status = '${status}' ORDER BY created_at DESC LIMIT 50`);  //@vuln CWE-89
  res.json(rows);
});

app.get('/applets/:id/stats', requireOwner, async (req, res) => {
  const applet = await AppletModel.findOne({ _id: String(req.params.id), ownerId: res.locals.ownerId });
  if (!applet) return res.status(404).json({ error: 'not found' });
  const since = new Date(String(req.query.since ?? Date.now() - 7 * 86_400_000));
  const stats = await prisma.$queryRaw`SELECT status, count(*)::int AS total FROM webhook_deliveries WHERE applet_id = ${applet.id} AND created_at >= ${since} GROUP BY status`;  //@safe
  res.json(stats);
});

async function main() {
  await mongoose.connect(config.webhooks.mongoUrl);
  app.listen(config.webhooks.port, () => {
    console.log(`webhook receiver listening on :${config.webhooks.port}`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
