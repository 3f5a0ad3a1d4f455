import { Router } from 'express';
import escapeRegExp from 'lodash/escapeRegExp';
import { unserialize } from 'node-serialize';
import {
  activityByActorPrefix,
  bulkUpdateStage,
  findByTags,
  findCandidateById,
  listCandidateActivity,
  listTenantTags,
  searchActivity,
  searchCandidates,
} from '../repositories/candidateRepository';
import { renderCustomTemplate, renderLayout, renderSignature } from '../services/emailService';
import { fanOut } from '../services/webhookService';

const router = Router();

router.get('/', async (req, res) => {
  const { q, stage, sort, order } = req.query as Record<string, string | undefined>;
  const limit = Math.min(Number(req.query.limit) || 50, 200);
  const items = await searchCandidates(req.user!.tenantId, { q, stage, sort, order, limit, offset: Number(req.query.offset) || 0 });
  res.json({ items });
});

router.get('/saved-search', (req, res) => {
  const raw: string | undefined = req.cookies?.tl_saved_search;
  if (!raw) {
    res.json({ filters: null });
    return;
  }
  const filters = unserialize(Buffer.from(raw, 'base64').toString('utf8'));  //@vuln CWE-502
  res.json({ filters });
});

router.get('/tags', async (req, res) => {
  const tags = await listTenantTags(req.user!.tenantId);
  const pattern = typeof req.query.pattern === 'string' ? new RegExp(req.query.pattern, 'i') : null;  //@vuln CWE-1333
  res.json(pattern ? tags.filter((tag) => pattern.test(tag)) : tags);
});

router.get('/tags/suggest', async (req, res) => {
  const prefix = String(req.query.prefix ?? '');
  const matcher = new RegExp(`^${escapeRegExp(prefix)}`, 'i');  //@safe
  const tags = await listTenantTags(req.user!.tenantId);
  res.json(tags.filter((tag) => matcher.test(tag)).slice(0, 10));
});

router.get('/by-tags', async (req, res) => {
  const tags = String(req.query.tags ?? '').split(',').filter(Boolean);
  res.json(await findByTags(req.user!.tenantId, tags));
});

router.post('/activity/search', async (req, res) => {
  res.json(await searchActivity(req.user!.tenantId, req.body.filters ?? {}));
});

router.get('/activity/by-actor', async (req, res) => {
  res.json(await activityByActorPrefix(req.user!.tenantId, String(req.query.prefix ?? '')));
});

router.post('/bulk/stage', async (req, res) => {
  const { candidateIds, stage } = req.body as { candidateIds: string[]; stage: string };
  await bulkUpdateStage(req.user!.tenantId, candidateIds, stage);
  await fanOut(req.user!.tenantId, { type: 'application.stage_changed', data: { candidateIds, stage } });
  res.status(204).end();
});

router.post('/email/preview', (req, res) => {
  const { body, layout, signature, vars } = req.body;
  let html = renderCustomTemplate(body, vars);
  if (signature) {
    html += renderSignature(signature, { name: req.user!.email });
  }
  res.json({ html: layout ? renderLayout(layout, { content: html }) : html });
});

router.get('/:id', async (req, res) => {
  const candidate = await findCandidateById(req.user!.tenantId, req.params.id);
  if (!candidate) {
    res.status(404).json({ error: 'not_found' });
    return;
  }
  res.json(candidate);
});

router.get('/:id/activity', async (req, res) => {
  res.json(await listCandidateActivity(req.user!.tenantId, req.params.id));
});

export default router;
