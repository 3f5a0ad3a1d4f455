const path = require('path');
const fs = require('fs/promises');
const ejs = require('ejs');
const config = require('../config');

const TEMPLATE_DIR = path.join(__dirname, '..', '..', 'templates', 'invoices');

function toCsv(rows) {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]);
  const esc = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n');
}

const formatMoney = (cents, currency = 'USD') => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);

async function renderInvoiceHtml(invoice, layout) {
  const templatePath = path.join(TEMPLATE_DIR, `${layout}.ejs`);
  return ejs.renderFile(templatePath, { invoice, formatMoney }); //@vuln CWE-22
}

function renderCustomerNote(note) {
  return ejs.render('<section class="note"><%= note %></section>', { note }); //@safe
}

function renderFooterPreview(footer) {
  return ejs.render('<footer class="invoice-footer"><%- footer %></footer>', { footer }); //@vuln CWE-79
}

async function readAttachment(accountId, fileName) {
  const base = path.resolve(config.uploadsDir, 'attachments', String(accountId));
  const target = path.resolve(base, String(fileName));
  if (!target.startsWith(base + path.sep)) {
    const err = new Error('invalid attachment path');
    err.status = 400;
    throw err;
  }
  return fs.readFile(target); //@safe
}

module.exports = {
  toCsv, renderInvoiceHtml, renderCustomerNote, renderFooterPreview, readAttachment,
};
