'use strict';
const fs = require('fs');
const path = require('path');
const { exec } = require('child_process');

const REPORT_DIR = path.resolve(__dirname, '..', 'reports');

function reportPath(name) {
  return path.join(REPORT_DIR, name);
}

async function download(ctx) {
  const file = reportPath(ctx.query.file);
  ctx.attachment(path.basename(file));
  ctx.body = fs.createReadStream(file); //@vuln CWE-22
}

async function downloadSafe(ctx) {
  const file = path.resolve(REPORT_DIR, ctx.params.name);
  if (!file.startsWith(REPORT_DIR + path.sep)) ctx.throw(400, 'bad report name');
  ctx.attachment(path.basename(file));
  ctx.body = fs.createReadStream(file); //@safe
}

function renderPdf(url, title) {
  const out = path.join(REPORT_DIR, `${Date.now()}.pdf`);
  return new Promise((resolve, reject) => {
    exec(`wkhtmltopdf --title "${title}" ${url} ${out}`, (err) => (err ? reject(err) : resolve(out))); //@vuln CWE-78
  });
}

async function render(ctx) {
  const { url, title = 'Report' } = ctx.request.body;
  const out = await renderPdf(url, title);
  ctx.body = { file: path.basename(out) };
}

module.exports = { download, downloadSafe, render };
