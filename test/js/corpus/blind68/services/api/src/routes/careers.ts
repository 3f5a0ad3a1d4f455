import { Router } from 'express';
import escapeHtml from 'escape-html';
import mongoose from 'mongoose';
import { Op } from 'sequelize';
import { Job, Tenant } from '../db';

const router = Router();

router.use((req, res, next) => {
  const origin = req.get('origin');
  if (origin) {
    res.set('Access-Control-Allow-Origin', origin);  //@vuln CWE-942
    res.set('Access-Control-Allow-Credentials', 'true');
    res.set('Vary', 'Origin');
  }
  next();
});

async function openJobs(slug: string, titleFilter?: string) {
  const tenant = await Tenant.findOne({ where: { slug } });
  if (!tenant) {
    return null;
  }
  const where: Record<string, unknown> = { tenantId: tenant.get('id'), status: 'open' };
  if (titleFilter) {
    where.title = { [Op.iLike]: `%${titleFilter}%` };
  }
  const jobs = await Job.findAll({ where, order: [['postedAt', 'DESC']], limit: 100 });
  return { tenant, jobs };
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/static/careers.css"></head><body>${body}</body></html>`;
}

router.get('/:slug/jobs', async (req, res) => {
  const found = await openJobs(req.params.slug);
  if (!found) {
    res.status(404).send(page('Not found', '<p>Company not found.</p>'));
    return;
  }
  const items = found.jobs
    .map((job) => `<li><a href="/careers/${encodeURIComponent(req.params.slug)}/jobs/${job.get('id')}">${escapeHtml(String(job.get('title')))}</a> &middot; ${escapeHtml(String(job.get('location') ?? 'Remote'))}</li>`)
    .join('');
  res.send(page(`Careers at ${found.tenant.get('name')}`, `<ul class="jobs">${items}</ul>`));  //@safe
});

router.get('/:slug/jobs.json', async (req, res) => {
  const found = await openJobs(req.params.slug);
  res.json(
    (found?.jobs ?? []).map((job) => ({
      id: job.get('id'),
      title: job.get('title'),
      department: job.get('department'),
      location: job.get('location'),
      teaserHtml: String(job.get('descriptionHtml') ?? '').slice(0, 400),
    })),
  );
});

router.get('/:slug/search', async (req, res) => {
  const q = String(req.query.q ?? '');
  const found = await openJobs(req.params.slug, q);
  const list = (found?.jobs ?? []).map((job) => `<li>${escapeHtml(String(job.get('title')))}</li>`).join('');
  res.send(page('Search', `<h2>${found?.jobs.length ?? 0} openings for "${q}"</h2><ul>${list}</ul>`));  //@vuln CWE-79
});

router.get('/:slug/jobs.js', async (req, res) => {
  const found = await openJobs(req.params.slug);
  const payload = (found?.jobs ?? []).map((job) => ({ id: job.get('id'), title: job.get('title') }));
  const callback = String(req.query.callback ?? 'renderJobs');
  res.type('application/javascript').send(`${callback}(${JSON.stringify(payload)});`);  //@vuln CWE-79
});

router.get('/email/unsubscribe', async (req, res) => {
  const preferences = mongoose.connection.collection('email_preferences');
  const record = await preferences.findOne({ token: req.query.token });  //@vuln CWE-943
  if (!record) {
    res.status(404).send(page('Link expired', '<p>This link has expired.</p>'));
    return;
  }
  await preferences.updateOne({ _id: record._id }, { $set: { unsubscribed: true, unsubscribedAt: new Date() } });
  res.send(page('Unsubscribed', `<p>${req.query.email} will no longer receive emails from ${escapeHtml(record.tenantName)}.</p>`));  //@vuln CWE-79
});

export default router;
