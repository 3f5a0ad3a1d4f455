import { Router, Request, Response, NextFunction } from 'express';
import path from 'path';
import fs from 'fs/promises';
import escapeHtml from 'escape-html';
import {
  listTransactions,
  searchByNote,
  monthlySpend,
  categoryTotals,
  findLegacyCardTransactions,
  bulkRecategorize,
  Transaction,
} from '../repositories/transactionRepository';
import { findInsights, findByKind, topInsights, dismissInsight } from '../repositories/insightStore';
import { deepMerge, setByPath, mergeDefined } from '../lib/objects';
import { encryptShareToken } from '../lib/crypto';
import { knex } from '../db';
import { config } from '../config';

export const accountsRouter = Router();

const STATEMENTS_ROOT = path.resolve(config.storage.statementsDir);
const RECEIPTS_ROOT = path.resolve(config.storage.receiptsDir);

type Handler = (req: Request, res: Response) => Promise<unknown>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);

function currentUser(req: Request): string {
  const userId = req.session.userId;
  if (!userId) throw Object.assign(new Error('Not signed in'), { status: 401 });
  return userId;
}

accountsRouter.get('/transactions', wrap(async (req, res) => {
  const { accountId, merchant, category, from, to, sort, direction } = req.query as Record<string, string | undefined>;
  const rows = await listTransactions(currentUser(req), { accountId, merchant, category, from, to, sort, direction });
  res.json({ transactions: rows });
}));

accountsRouter.get('/transactions/search', wrap(async (req, res) => {
  res.json(await searchByNote(currentUser(req), String(req.query.q ?? '')));
}));

accountsRouter.get('/budget/:month', wrap(async (req, res) => {
  const userId = currentUser(req);
  const spend = await monthlySpend(userId, req.params.month);
  res.json({ month: req.params.month, spend });
}));

accountsRouter.get('/budget', wrap(async (req, res) => {
  const { from, to } = req.query as { from: string; to: string };
  res.json(await categoryTotals(currentUser(req), from, to));
}));

accountsRouter.get('/cards/:last4/legacy', wrap(async (req, res) => {
  res.json(await findLegacyCardTransactions(currentUser(req), req.params.last4));
}));

accountsRouter.post('/transactions/recategorize', wrap(async (req, res) => {
  const { merchant, category } = req.body;
  const updated = await bulkRecategorize(currentUser(req), merchant, category);
  res.json({ updated });
}));

accountsRouter.get('/statements/file', wrap(async (req, res) => {
  const statementPath = path.join(STATEMENTS_ROOT, currentUser(req), String(req.query.name));
  res.sendFile(statementPath);  //@vuln CWE-22
}));

accountsRouter.get('/statements/:year/download', wrap(async (req, res) => {
  const userDir = path.resolve(STATEMENTS_ROOT, currentUser(req));
  const target = path.resolve(userDir, req.params.year, String(req.query.name));
  if (!target.startsWith(userDir + path.sep)) {
    res.status(400).json({ error: 'invalid statement name' });
    return;
  }
  res.download(target);  //@safe
}));

accountsRouter.get('/receipts/:transactionId', wrap(async (req, res) => {
  const userId = currentUser(req);
  const txn = await Transaction.query().findById(req.params.transactionId).where('user_id', userId);
  if (!txn) return res.sendStatus(404);
  const variant = (req.query.variant as string) ?? 'original.jpg';
  const image = await fs.readFile(`${RECEIPTS_ROOT}/${userId}/${txn.id}/${variant}`);  //@vuln CWE-22
  res.type('image/jpeg').send(image);
}));

accountsRouter.get('/receipts/:transactionId/preview', wrap(async (req, res) => {
  const userId = currentUser(req);
  const txn = await Transaction.query().findById(req.params.transactionId).where('user_id', userId);
  const caption = req.query.caption ?? 'Receipt';
  if (!txn) {
    res.status(404).send(`<h1>${caption}</h1><p>No receipt has been uploaded for this transaction yet.</p>`);  //@vuln CWE-79
    return;
  }
  res.send(`<!doctype html><title>${escapeHtml(String(caption))}</title><h1>${escapeHtml(txn.merchant)}</h1><img src="/api/receipts/${encodeURIComponent(txn.id)}">`);  //@safe
}));

accountsRouter.patch('/preferences', wrap(async (req, res) => {
  const userId = currentUser(req);
  const row = await knex('user_preferences').where({ user_id: userId }).first();
  const prefs = deepMerge(row?.prefs ?? {}, req.body);
  await knex('user_preferences').insert({ user_id: userId, prefs }).onConflict('user_id').merge();
  res.json(prefs);
}));

accountsRouter.put('/preferences/:path', wrap(async (req, res) => {
  const userId = currentUser(req);
  const row = await knex('user_preferences').where({ user_id: userId }).first();
  const prefs = setByPath(row?.prefs ?? {}, req.params.path, req.body.value);
  await knex('user_preferences').insert({ user_id: userId, prefs }).onConflict('user_id').merge();
  res.json(prefs);
}));

accountsRouter.patch('/budgets/:id/envelopes', wrap(async (req, res) => {
  const userId = currentUser(req);
  const budget = await knex('budgets').where({ id: req.params.id, user_id: userId }).first();
  if (!budget) return res.sendStatus(404);
  const envelopes = mergeDefined(budget.envelopes ?? {}, req.body);
  await knex('budgets').where({ id: budget.id }).update({ envelopes });
  res.json(envelopes);
}));

accountsRouter.post('/insights/search', wrap(async (req, res) => {
  res.json(await findInsights(currentUser(req), req.body.filter ?? {}));
}));

accountsRouter.get('/insights', wrap(async (req, res) => {
  const userId = currentUser(req);
  if (req.query.minScore) {
    return res.json(await topInsights(userId, String(req.query.minScore)));
  }
  res.json(await findByKind(userId, req.query.kind ?? 'overspend'));
}));

accountsRouter.delete('/insights/:id', wrap(async (req, res) => {
  res.json({ dismissed: await dismissInsight(currentUser(req), req.params.id) });
}));

accountsRouter.post('/reports/share', wrap(async (req, res) => {
  const { reportId, expiresInDays = 7 } = req.body;
  const token = encryptShareToken({ reportId, userId: currentUser(req), exp: Date.now() + expiresInDays * 86_400_000 });
  res.json({ url: `${config.publicUrl}/shared/${token}` });
}));
