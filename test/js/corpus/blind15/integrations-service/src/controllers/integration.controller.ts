import express, { NextFunction, Request, Response, Router } from 'express';
import { container } from 'tsyringe';
import { SyncRepository } from '../repositories/sync.repository';
import { ImportService } from '../services/import.service';
import { PartnerService } from '../services/partner.service';
import { RulesService } from '../services/rules.service';

const imports = container.resolve(ImportService);
const rules = container.resolve(RulesService);
const partners = container.resolve(PartnerService);
const syncs = container.resolve(SyncRepository);

type Handler = (req: Request, res: Response) => unknown;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => Promise.resolve(fn(req, res)).catch(next);

export function integrationRoutes(): Router {
  const r = Router();
  const xmlBody = express.text({ type: ['application/xml', 'text/xml'], limit: '5mb' });
  const yamlBody = express.text({ type: ['application/yaml', 'text/yaml'], limit: '256kb' });

  r.post('/feeds/supplier', xmlBody, wrap((req, res) => res.json({ items: imports.parseSupplierFeed(req.body) })));
  r.post('/feeds/order-ack', xmlBody, wrap((req, res) => res.json({ items: imports.parseOrderAck(req.body) })));

  r.post('/mappings', yamlBody, wrap((req, res) => {
    const strict = req.query.mode === 'strict';
    res.json({ fields: strict ? imports.loadMappingStrict(req.body) : imports.loadMapping(req.body) });
  }));
  r.get('/wizard', wrap((req, res) => {
    res.json(req.cookies?.wizard ? imports.restoreWizardState(req.cookies.wizard) : { step: 1 });
  }));

  r.post('/rules/test', wrap((req, res) => {
    const { expression, rows = [] } = req.body as { expression: string; rows: Record<string, unknown>[] };
    res.json({ matched: rows.filter((row) => rules.matches(expression, row)) });
  }));
  r.post('/rules/compute', wrap((req, res) => {
    const { formula, op, left, right, row } = req.body;
    res.json({ value: op ? rules.computeStructured(op, left, right, row) : rules.computeField(formula, row) });
  }));
  r.post('/logs/grep', wrap((req, res) => res.json({ lines: rules.filterLog(req.body.lines ?? [], req.body.pattern) })));

  r.post('/feeds/fetch', wrap(async (req, res) => {
    const approved = req.query.approved === '1';
    const xml = approved ? await partners.fetchApprovedFeed(req.body.url) : await partners.fetchFeed(req.body.url);
    res.json({ items: imports.parseOrderAck(xml) });
  }));

  r.post('/partners/:id/sync', wrap(async (req, res) => {
    const catalog = (await partners.partnerCatalog(req.params.id)) as unknown[];
    const runId = await syncs.record(req.params.id, catalog.length);
    const callbackToken = Math.random().toString(36).substring(2, 14); //@vuln CWE-338
    if (req.body.callbackUrl) await partners.notifyCallback(req.body.callbackUrl, { runId, callbackToken, records: catalog.length });
    res.json({ runId });
  }));

  r.get('/partners/:partner/runs', wrap(async (req, res) => res.json(await syncs.runsForPartner(req.params.partner))));
  r.get('/v2/partners/:partner/runs', wrap(async (req, res) => res.json(await syncs.runsForPartnerSafe(req.params.partner))));
  r.get('/runs', wrap(async (req, res) => res.json(await syncs.byStatus(String(req.query.status ?? 'done'), req.query.since as string))));
  return r;
}
