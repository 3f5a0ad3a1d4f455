import { Router, Request, Response } from 'express';
import { User, Org } from '../models';
import { requireRole } from '../middleware/auth';
import { config } from '@bo/shared/config';
import { deepMerge, setByPath, pick, escapeHtml, escapeRegExp, toInt } from '@bo/shared/objects';
import { inviteHtml, renderOrgTemplate, renderSubject, sendMail } from '@bo/shared/email/templates';

const router = Router();

router.get('/', async (req: Request, res: Response) => {
  const filter: Record<string, unknown> = { orgId: req.user!.orgId };
  if (typeof req.query.role === 'string') filter.role = req.query.role;
  if (typeof req.query.q === 'string' && req.query.q.trim()) {
    filter.name = new RegExp(escapeRegExp(req.query.q.trim()), 'i'); //@safe
  }
  const users = await User.find(filter).select('name email role active lastLoginAt').limit(toInt(req.query.limit, 50, 200)).lean();
  res.json(users);
});

// Support team asked for "power search" with patterns, e.g. ^j(ohn|on)
router.get('/search', requireRole('admin', 'support'), async (req: Request, res: Response) => {
  const pattern = String(req.query.pattern || '');
  const re = new RegExp(pattern, 'i'); //@vuln CWE-1333
  const users = await User.find({ orgId: req.user!.orgId }).select('name email role').lean();
  res.json(users.filter((u) => re.test(u.email) || re.test(u.name)).slice(0, 100));
});

router.get('/lookup', requireRole('admin', 'support'), async (req: Request, res: Response) => {
  const users = await User.find({ $where: `this.email.indexOf('${req.query.email}') !== -1` }).limit(20).lean(); //@vuln CWE-943
  res.json(users.filter((u) => String(u.orgId) === req.user!.orgId));
});

router.get('/:id', async (req: Request, res: Response) => {
  const user = await User.findOne({ _id: req.params.id, orgId: req.user!.orgId }).lean(); //@safe
  if (!user) return res.status(404).json({ error: 'not found' });
  return res.json(pick(user as any, ['_id', 'name', 'email', 'role', 'bio', 'preferences']));
});

// Rendered inside the legacy admin iframe
router.get('/:id/profile.html', async (req: Request, res: Response) => {
  const user = await User.findOne({ _id: req.params.id, orgId: req.user!.orgId }).lean();
  if (!user) return res.status(404).send('not found');
  res.type('html');
  return res.send(`<html><body><h1>${user.name}</h1><p class="email">${escapeHtml(user.email)}</p><div class="bio">${user.bio}</div></body></html>`); //@vuln CWE-79
});

router.get('/:id/card.html', async (req: Request, res: Response) => {
  const user = await User.findOne({ _id: req.params.id, orgId: req.user!.orgId }).lean();
  if (!user) return res.status(404).send('not found');
  return res.type('html').send(`<div class="card"><strong>${escapeHtml(user.name)}</strong><br>${escapeHtml(user.role)}</div>`); //@safe
});

router.patch('/:id/preferences', async (req: Request, res: Response) => {
  const user = await User.findOne({ _id: req.params.id, orgId: req.user!.orgId });
  if (!user) return res.status(404).json({ error: 'not found' });
  user.preferences = deepMerge(user.preferences || {}, req.body);
  user.markModified('preferences');
  await user.save();
  return res.json(user.preferences);
});

router.put('/me/setting', async (req: Request, res: Response) => {
  const user = await User.findById(req.user!.sub);
  if (!user) return res.status(404).json({ error: 'not found' });
  const prefs = user.preferences || {};
  setByPath(prefs, String(req.body.key), req.body.value);
  user.preferences = prefs;
  user.markModified('preferences');
  await user.save();
  return res.json({ ok: true });
});

router.post('/bulk-deactivate', requireRole('owner', 'admin'), async (req: Request, res: Response) => {
  const result = await User.updateMany({ orgId: req.user!.orgId, ...req.body.filter }, { $set: { active: false } }); //@vuln CWE-943
  return res.json({ modified: result.modifiedCount });
});

router.post('/invite', requireRole('owner', 'admin'), async (req: Request, res: Response) => {
  const email = String(req.body.email || '').toLowerCase();
  const org = await Org.findById(req.user!.orgId).lean();
  const inviteCode = Math.random().toString(36).substring(2, 10).toUpperCase(); //@vuln CWE-338
  await User.create({ email, name: req.body.name || email, role: 'viewer', orgId: req.user!.orgId, inviteCode, active: false });
  const link = `${config.publicUrl}/accept-invite?code=${inviteCode}`;
  await sendMail(email, `You're invited to ${org?.name}`, inviteHtml(req.user!.email, org?.name || '', link));
  return res.status(201).json({ ok: true });
});

// Settings > Emails > "Preview" button
router.post('/email-templates/preview', requireRole('owner', 'admin'), async (req: Request, res: Response) => {
  const sample = { customer: 'Jane Doe', invoiceNumber: 'INV-1042', amount: '$1,250.00', dueDate: '2024-03-01' };
  const subject = renderSubject(String(req.body.subject || 'Invoice {{ invoiceNumber }}'), sample);
  const html = renderOrgTemplate(String(req.body.body || ''), sample);
  return res.json({ subject, html });
});

export default router;
