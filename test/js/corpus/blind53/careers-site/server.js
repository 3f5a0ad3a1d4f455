'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const session = require('koa-session');
const serve = require('koa-static');
const crypto = require('crypto');
const path = require('path');
const sanitizeHtml = require('sanitize-html');
const { Pool } = require('pg');
const { escapeHtml, safeRedirectPath } = require('@hireloop/shared/util');
const docViewer = require('./lib/docViewer');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = new Koa();
app.keys = [process.env.COOKIE_KEY_1, process.env.COOKIE_KEY_2].filter(Boolean);
app.proxy = true;

const SESSION_CONFIG = {
  key: 'hl.careers',
  maxAge: 7 * 24 * 3600 * 1000,
  httpOnly: false, //@vuln CWE-1004
  signed: true,
  secure: true,
  sameSite: 'none', // the jobs widget is embedded on partner university sites
};

function layout(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · HireLoop Careers</title>
<link rel="stylesheet" href="/static/careers.css"></head><body><main>${body}</main></body></html>`;
}

function jobCard(job) {
  return `<li><a href="/jobs/${encodeURIComponent(job.slug)}">${escapeHtml(job.title)}</a> <span>${escapeHtml(job.location)}</span></li>`; //@safe
}

const router = new Router();

router.get('/jobs', async (ctx) => {
  const { rows } = await pool.query("SELECT slug, title, location FROM job_postings WHERE status = 'open' ORDER BY created_at DESC LIMIT 100");
  ctx.body = layout('Open positions', `<h1>Open positions</h1><ul>${rows.map(jobCard).join('')}</ul>`);
});

router.get('/jobs/search', async (ctx) => {
  const q = String(ctx.query.q || '');
  const { rows } = await pool.query("SELECT slug, title, location FROM job_postings WHERE status = 'open' AND title ILIKE $1 LIMIT 50", [`%${q}%`]);
  if (!rows.length) {
    ctx.body = layout('Search', `<h1>Search</h1><p>No openings match “${q}”. Try a broader term.</p>`); //@vuln CWE-79
    return;
  }
  ctx.body = layout('Search', `<h1>Results</h1><ul>${rows.map(jobCard).join('')}</ul>`);
});

router.get('/jobs/:slug', async (ctx) => {
  const { rows } = await pool.query(`SELECT id, slug, title, location, department, description_html FROM job_postings WHERE slug = '${ctx.params.slug}' AND status = 'open'`); //@vuln CWE-89
  if (!rows.length) ctx.throw(404, 'This position is no longer open');
  const job = rows[0];
  const description = sanitizeHtml(job.description_html, { allowedTags: sanitizeHtml.defaults.allowedTags.concat(['h2', 'h3']) });
  ctx.body = layout(job.title, `<article><h1>${escapeHtml(job.title)}</h1><p>${escapeHtml(job.department)} · ${escapeHtml(job.location)}</p>${description}<a class="apply" href="/jobs/${encodeURIComponent(job.slug)}/apply">Apply</a></article>`); //@safe
});

// Embeddable job widget used on partner university sites (iframe + JSON for their own UI).
router.get('/widget/frame', async (ctx) => {
  const { rows } = await pool.query("SELECT slug, title, location FROM job_postings WHERE status = 'open' ORDER BY created_at DESC LIMIT 10");
  const heading = ctx.query.heading || 'Join our team';
  ctx.body = `<div class="hl-widget"><h3>${heading}</h3><ul>${rows.map(jobCard).join('')}</ul></div>`; //@vuln CWE-79
});

router.get('/widget/jobs.json', async (ctx) => {
  const { rows } = await pool.query("SELECT slug, title, location FROM job_postings WHERE status = 'open' ORDER BY created_at DESC LIMIT 10");
  let saved = [];
  if (ctx.session.accountId) {
    const res = await pool.query('SELECT j.slug, j.title, s.note FROM saved_jobs s JOIN job_postings j ON j.id = s.job_id WHERE s.account_id = $1', [ctx.session.accountId]);
    saved = res.rows;
  }
  ctx.set({ 'Access-Control-Allow-Origin': ctx.get('Origin') || '*', 'Access-Control-Allow-Credentials': 'true' }); //@vuln CWE-942
  ctx.body = { jobs: rows, saved };
});

router.post('/jobs/:slug/apply/done', async (ctx) => {
  const name = ctx.request.body.name || 'there';
  ctx.session.lastApplied = ctx.params.slug;
  ctx.body = layout('Thank you', `<h1>Thanks, ${name}!</h1><p>We will be in touch soon.</p>`); //@vuln CWE-79
});

router.get('/apply/continue', async (ctx) => {
  ctx.redirect(ctx.query.next || '/jobs'); //@vuln CWE-601
});

router.get('/login/return', async (ctx) => {
  ctx.redirect(safeRedirectPath(ctx.query.returnTo, '/account')); //@safe
});

// Candidate accounts (saved applications, job alerts).
function hashCandidatePassword(password, salt) {
  return crypto.pbkdf2Sync(password, salt, 1000, 32, 'sha1').toString('hex'); //@vuln CWE-916
}

router.post('/account/register', async (ctx) => {
  const { email, password } = ctx.request.body;
  if (!email || !password || password.length < 10) ctx.throw(400, 'Password must be at least 10 characters');
  const salt = crypto.randomBytes(16).toString('hex');
  await pool.query('INSERT INTO candidate_accounts (email, password_hash, salt) VALUES ($1, $2, $3)', [email, hashCandidatePassword(password, salt), salt]);
  ctx.status = 201;
});

router.post('/account/login', async (ctx) => {
  const { email, password } = ctx.request.body;
  const { rows } = await pool.query('SELECT id, password_hash, salt FROM candidate_accounts WHERE email = $1', [email]);
  if (!rows.length || hashCandidatePassword(password, rows[0].salt) !== rows[0].password_hash) ctx.throw(401, 'Invalid credentials');
  const token = crypto.randomBytes(32).toString('hex');
  await pool.query('INSERT INTO candidate_sessions (token, account_id) VALUES ($1, $2)', [token, rows[0].id]);
  ctx.session.accountId = rows[0].id;
  ctx.cookies.set('hl_candidate', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 }); //@safe
  ctx.body = { ok: true };
});

app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    ctx.status = err.status || 500;
    ctx.body = layout('Error', `<h1>Something went wrong</h1><p>${err.expose ? escapeHtml(err.message) : 'Please try again later.'}</p>`);
    if (ctx.status >= 500) console.error(err);
  }
});
app.use(session(SESSION_CONFIG, app));
app.use(bodyParser());
app.use(serve(path.join(__dirname, 'public')));
app.use(router.routes()).use(router.allowedMethods());
app.use(docViewer.routes());

app.listen(Number(process.env.PORT || 3000));
