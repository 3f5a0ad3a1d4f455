import { Router, Request, Response, NextFunction } from 'express';
import { knex, Contact } from '../db';
import { deepMerge, mergeSettings, escapeRegExp, pick } from '../lib/objects';

export const customersRouter = Router();

type Handler = (req: Request, res: Response) => Promise<unknown>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => fn(req, res).catch(next);
const tenantOf = (req: Request): string => (req as any).user.tenantId;

customersRouter.get('/', wrap(async (req, res) => {
  const sort = String(req.query.sort ?? 'name asc');
  const query = knex('customers')
    .select('id', 'name', 'email', 'vatNumber', 'country')
    .where({ tenantId: tenantOf(req) })
    .limit(200);
  const customers = await query.orderByRaw(sort);  //@vuln CWE-89
  res.json(customers);
}));

customersRouter.patch('/:id/preferences', wrap(async (req, res) => {
  const customer = await knex('customers').where({ tenantId: tenantOf(req), id: Number(req.params.id) }).first();
  if (!customer) {
    return res.status(404).json({ error: 'not_found' });
  }
  const preferences = deepMerge(customer.preferences ?? {}, req.body);
  await knex('customers').where({ id: customer.id }).update({ preferences });
  res.json(preferences);
}));

customersRouter.patch('/:id/branding', wrap(async (req, res) => {
  const customer = await knex('customers').where({ tenantId: tenantOf(req), id: Number(req.params.id) }).first();
  if (!customer) {
    return res.status(404).json({ error: 'not_found' });
  }
  const branding = mergeSettings(customer.branding ?? {}, pick(req.body, ['colors', 'logo', 'footer', 'locale']));
  await knex('customers').where({ id: customer.id }).update({ branding });
  res.json(branding);
}));

/* ---------- Contacts (Mongo) ---------- */

customersRouter.get('/contacts/search', wrap(async (req, res) => {
  const q = String(req.query.q ?? '').trim();
  const contacts = await Contact.find({ tenantId: tenantOf(req) }).select('name email role').lean();
  const matcher = new RegExp(escapeRegExp(q), 'i');  //@safe
  res.json(contacts.filter((c) => matcher.test(c.name ?? '') || matcher.test(c.email ?? '')).slice(0, 25));
}));

customersRouter.get('/contacts/by-email', wrap(async (req, res) => {
  const contact = await Contact.findOne({ tenantId: tenantOf(req), email: String(req.query.email ?? '') });  //@safe
  if (!contact) {
    return res.status(404).json({ error: 'not_found' });
  }
  res.json(contact);
}));

customersRouter.post('/contacts/query', wrap(async (req, res) => {
  const { filter = {}, limit = 50 } = req.body;
  const contacts = await Contact.find({ ...filter, tenantId: tenantOf(req) }).limit(Math.min(Number(limit) || 50, 200));  //@vuln CWE-943
  res.json(contacts);
}));

customersRouter.get('/contacts/by-domain', wrap(async (req, res) => {
  const domain = String(req.query.domain ?? '').toLowerCase();
  const contacts = await Contact.find({ tenantId: tenantOf(req), $where: `this.email && this.email.toLowerCase().endsWith('@${domain}')` });  //@vuln CWE-943
  res.json(contacts);
}));

// Tag every contact whose e-mail matches an admin-supplied pattern, e.g. "ap-.*@acme\.com".
customersRouter.post('/contacts/bulk-tag', wrap(async (req, res) => {
  const { pattern, tag } = req.body as { pattern: string; tag: string };
  const rule = new RegExp(`^${pattern}$`, 'i');  //@vuln CWE-1333
  const contacts = await Contact.find({ tenantId: tenantOf(req) }).select('email').lean();
  const ids = contacts.filter((c) => rule.test(c.email ?? '')).map((c) => c._id);
  await Contact.updateMany({ _id: { $in: ids } }, { $addToSet: { tags: String(tag) } });
  res.json({ tagged: ids.length });
}));
