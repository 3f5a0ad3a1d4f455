import express from 'express';
import https from 'node:https';
import crypto from 'node:crypto';
import axios from 'axios';
import { PrismaClient } from '@prisma/client';
import { importYamlTickets, importXmlTickets, extractAttachments } from './importers';
import { ticketsGroupedBy } from './reports';
import { deepMerge, mergePreferences } from './util';

const prisma = new PrismaClient();
const app = express();
app.use(express.json());
app.use(express.text({ type: ['application/x-yaml', 'application/xml', 'text/xml'], limit: '2mb' }));

const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET ?? '';
const crmAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295
const settings: Record<string, any> = { notifications: { email: true }, ui: { theme: 'light' } };
const preferences = new Map<string, Record<string, unknown>>();

app.get('/api/tickets', async (req, res) => {
  const status = String(req.query.status ?? 'open');
  const sort = String(req.query.sort ?? 'createdAt');
  const rows = await prisma.$queryRawUnsafe(`SELECT id, subject, status FROM "Ticket" WHERE status = '${status}' ORDER BY "${sort}" DESC`); //@vuln CWE-89
  res.json(rows);
});

app.get('/api/tickets/:id', async (req, res) => {
  const id = Number(req.params.id);
  const [ticket] = await prisma.$queryRaw<any[]>`SELECT * FROM "Ticket" WHERE id = ${id}`; //@safe
  ticket ? res.json(ticket) : res.sendStatus(404);
});

app.post('/api/tickets/:id/assign', async (req, res) => {
  const { agent } = req.body;
  await prisma.$executeRawUnsafe(`UPDATE "Ticket" SET assignee = '${agent}' WHERE id = ${req.params.id}`); //@vuln CWE-89
  res.sendStatus(204);
});

app.post('/api/tickets/:id/close', async (req, res) => {
  await prisma.$executeRawUnsafe('UPDATE "Ticket" SET status = $1 WHERE id = $2', 'closed', Number(req.params.id)); //@safe
  res.sendStatus(204);
});

app.get('/api/reports/grouped', async (req, res) => {
  const { by = 'status', since = '1970-01-01' } = req.query as Record<string, string>;
  res.json(await ticketsGroupedBy(by, since));
});

app.patch('/api/settings', (req, res) => {
  deepMerge(settings, req.body);
  res.json(settings);
});

app.put('/api/settings/:section/:key', (req, res) => {
  const { section, key } = req.params;
  settings[section] ??= {};
  settings[section][key] = req.body.value; //@vuln CWE-1321
  res.json(settings[section]);
});

app.patch('/api/me/preferences', (req, res) => {
  const userId = String(req.get('X-User-Id'));
  preferences.set(userId, mergePreferences(preferences.get(userId) ?? {}, req.body));
  res.json(preferences.get(userId));
});

app.post('/api/webhooks/crm', async (req, res) => {
  const sig = req.get('X-Signature') ?? '';
  const expected = crypto.createHash('sha1').update(WEBHOOK_SECRET + JSON.stringify(req.body)).digest('hex'); //@vuln CWE-327|CWE-328
  if (sig !== expected) return res.sendStatus(401);
  const { callbackUrl, ticketId } = req.body;
  const ticket = await prisma.ticket.findUnique({ where: { id: Number(ticketId) } });
  await axios.post(callbackUrl, { ticket }, { httpsAgent: crmAgent }); //@vuln CWE-918
  res.sendStatus(202);
});

app.post('/api/webhooks/mail', async (req, res) => {
  const sig = Buffer.from(req.get('X-Mail-Signature') ?? '', 'hex');
  const mac = crypto.createHmac('sha256', WEBHOOK_SECRET).update(JSON.stringify(req.body)).digest(); //@safe
  if (sig.length !== mac.length || !crypto.timingSafeEqual(sig, mac)) return res.sendStatus(401);
  await prisma.ticket.create({ data: { subject: String(req.body.subject), bodyHtml: String(req.body.html), status: 'open' } });
  res.sendStatus(201);
});

app.post('/api/import/yaml', async (req, res) => res.json(await importYamlTickets(req.body)));
app.post('/api/import/xml', async (req, res) => res.json(await importXmlTickets(req.body)));
app.post('/api/tickets/:id/attachments', express.raw({ type: 'application/zip', limit: '20mb' }), async (req, res) => {
  res.json(await extractAttachments(Number(req.params.id), req.body));
});

app.listen(Number(process.env.PORT ?? 8080));
