import type { FastifyInstance } from 'fastify';
import { ShipmentService } from '../services/shipmentService';
import * as labels from '../services/labelService';
import * as repo from '../data/shipmentRepo';
import { config } from '../config';

const service = new ShipmentService();

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

function renderNotFound(tracking: string) {
  return `<!doctype html><html><body><h2>No shipment found for ${tracking}</h2><a href="/">Back</a></body></html>`;
}

function safeReturnUrl(raw: string | undefined) {
  try {
    const u = new URL(raw ?? '', config.portalBaseUrl);
    if (u.protocol === 'https:' && config.allowedReturnHosts.includes(u.hostname)) return u.toString();
  } catch {}
  return config.portalBaseUrl;
}

export default async function shipmentRoutes(app: FastifyInstance) {
  app.get<{ Querystring: Record<string, string> }>('/shipments', async (req) => service.search(req.user.customerId, req.query));
  app.get<{ Params: { tracking: string } }>('/shipments/:tracking/history', async (req) => service.history(req.params.tracking));

  app.get<{ Params: { tracking: string } }>('/shipments/:tracking/page', async (req, reply) => {
    const shipment = await repo.findByTracking(req.params.tracking);
    if (!shipment) return reply.code(404).type('text/html').send(renderNotFound(req.params.tracking)); //@vuln CWE-79
    const html = `<h1>Shipment ${escapeHtml(shipment.trackingNumber)}</h1><p>Status: ${escapeHtml(shipment.status)}</p>`;
    return reply.type('text/html').send(html); //@safe
  });

  app.post<{ Params: { tracking: string }; Querystring: { format?: string } }>('/shipments/:tracking/label', async (req, reply) => {
    const file = await labels.renderLabel(req.params.tracking, req.query.format ?? 'pdf');
    return reply.code(201).send({ file });
  });

  app.get<{ Querystring: { file: string } }>('/labels/download', async (req, reply) =>
    reply.type('application/pdf').send(await labels.readLabel(req.query.file)),
  );
  app.post<{ Body: { printer: string; file: string } }>('/labels/print', async (req) =>
    labels.sendToPrinter(req.body.printer, req.body.file).then(() => ({ queued: true })),
  );

  app.get<{ Querystring: { returnTo?: string } }>('/handoff', async (req, reply) => {
    const target = req.query.returnTo ?? config.portalBaseUrl;
    return reply.redirect(target); //@vuln CWE-601
  });

  app.get<{ Querystring: { next?: string } }>('/handoff/portal', async (req, reply) => {
    return reply.redirect(safeReturnUrl(req.query.next)); //@safe
  });

  app.post<{ Body: { ids: string[]; status: string } }>('/shipments/bulk-status', async (req) =>
    repo.updateStatusBulk(req.body.ids, req.body.status).then(() => ({ ok: true })),
  );

  app.get<{ Querystring: { region: string; groupBy?: string } }>('/reports/by-region', async (req) =>
    repo.countByRegion(req.query.region, req.query.groupBy ?? 'status'),
  );

  app.get<{ Params: { driverId: string }; Querystring: { date: string } }>('/drivers/:driverId/manifest', async (req) =>
    service.driverManifest(req.params.driverId, req.query.date),
  );
}
