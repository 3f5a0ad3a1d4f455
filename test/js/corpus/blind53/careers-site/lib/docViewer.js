'use strict';

// Document viewer for the candidate portal and the recruiter side panel:
// CVs, cover letters, signed offer PDFs and on-the-fly PDF previews of Office files.
const Router = require('@koa/router');
const fs = require('fs');
const path = require('path');
const { execSync, execFile } = require('child_process');
const { escapeHtml, resolveInside } = require('@hireloop/shared/util');

const DOCS_ROOT = process.env.DOCS_ROOT || '/var/lib/hireloop/documents';
const OFFERS_DIR = process.env.OFFERS_DIR || '/var/lib/hireloop/offers';
const PREVIEW_DIR = process.env.PREVIEW_DIR || '/var/cache/hireloop/previews';

const router = new Router({ prefix: '/docs' });

router.get('/view', async (ctx) => {
  const doc = String(ctx.query.doc || '');
  const title = ctx.query.title || 'Document';
  ctx.body = `<!doctype html><html><body class="viewer"><h2>${title}</h2><iframe src="/docs/raw/${doc.split('/').map(encodeURIComponent).join('/')}" width="100%" height="90%"></iframe></body></html>`; //@vuln CWE-79
});

router.get('/raw/:candidateId/:file', async (ctx) => {
  const filePath = path.join(DOCS_ROOT, ctx.params.candidateId, ctx.params.file);
  ctx.type = path.extname(filePath);
  ctx.body = fs.createReadStream(filePath); //@vuln CWE-22
});

// Converts .docx/.odt to PDF with LibreOffice so the browser can render it.
router.get('/preview', async (ctx) => {
  const name = String(ctx.query.file || '');
  const src = path.join(DOCS_ROOT, name);
  execSync(`soffice --headless --convert-to pdf --outdir ${PREVIEW_DIR} ${src}`, { timeout: 60000 }); //@vuln CWE-78
  const pdf = path.join(PREVIEW_DIR, path.basename(src, path.extname(src)) + '.pdf');
  ctx.type = 'application/pdf';
  ctx.body = fs.createReadStream(pdf);
});

router.get('/offers/:token.pdf', async (ctx) => {
  if (!/^[a-f0-9]{32,64}$/.test(ctx.params.token)) ctx.throw(404);
  const file = resolveInside(OFFERS_DIR, `${ctx.params.token}.pdf`);
  ctx.type = 'application/pdf';
  ctx.body = fs.createReadStream(file); //@safe
});

router.get('/thumb/:candidateId/:file', async (ctx) => {
  const src = resolveInside(DOCS_ROOT, path.join(ctx.params.candidateId, ctx.params.file));
  const outBase = path.join(PREVIEW_DIR, 'thumbs', path.basename(src));
  await new Promise((resolve, reject) => {
    execFile('pdftoppm', ['-png', '-f', '1', '-l', '1', '-scale-to', '320', src, outBase], (err) => (err ? reject(err) : resolve())); //@safe
  });
  ctx.type = 'image/png';
  ctx.body = fs.createReadStream(`${outBase}-1.png`);
});

router.get('/list/:candidateId', async (ctx) => {
  if (!/^\d+$/.test(ctx.params.candidateId)) ctx.throw(400);
  const dir = path.join(DOCS_ROOT, ctx.params.candidateId);
  const files = await fs.promises.readdir(dir).catch(() => []);
  ctx.body = `<ul>${files.map((f) => `<li><a href="/docs/view?doc=${encodeURIComponent(ctx.params.candidateId + '/' + f)}&title=${encodeURIComponent(f)}">${escapeHtml(f)}</a></li>`).join('')}</ul>`;
});

module.exports = router;
