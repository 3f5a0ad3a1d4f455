'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const util = require('util');
const { exec, execFile } = require('child_process');
const axios = require('axios');
const escapeHtml = require('escape-html');
const repo = require('../repositories/orderRepository');
const config = require('../config');

const execFileAsync = util.promisify(execFile);

async function search(query) {
  const customer = (query.customer || '').trim();
  const status = query.status || 'pending';
  return repo.searchByCustomer(customer, status);
}

async function revenueReport(query) {
  return repo.totalsByRegion(query.region || 'EU', query.since);
}

function buildInvoiceHtml(order) {
  return [
    '<html><body>',
    `<h1>Invoice ${order.id}</h1>`,
    `<p>Status: ${escapeHtml(order.status)}</p>`,
    `<p>Total: ${Number(order.total).toFixed(2)} EUR</p>`,
    `<p>${escapeHtml(order.notes || '')}</p>`,
    '</body></html>',
  ].join('\n');
}

async function renderInvoicePdf(order, paperSize) {
  await fs.promises.mkdir(config.invoices.outputDir, { recursive: true });
  const htmlFile = path.join(config.invoices.outputDir, `invoice-${order.id}.html`);
  const pdfFile = path.join(config.invoices.outputDir, `invoice-${order.id}.pdf`);
  await fs.promises.writeFile(htmlFile, buildInvoiceHtml(order));
  return new Promise((resolve, reject) => {
    exec(`wkhtmltopdf --quiet --page-size ${paperSize} ${htmlFile} ${pdfFile}`, { timeout: 30000 }, (err) => (err ? reject(err) : resolve(pdfFile))); //@vuln CWE-78
  });
}

async function compressInvoice(orderId) {
  const id = Number.parseInt(orderId, 10);
  if (!Number.isInteger(id)) throw Object.assign(new Error('bad order id'), { status: 400 });
  const file = path.join(config.invoices.outputDir, `invoice-${id}.pdf`);
  await execFileAsync('gzip', ['-kf', file]); //@safe
  return `${file}.gz`;
}

function signInvoiceLink(orderId) {
  const expires = Math.floor(Date.now() / 1000) + config.invoices.linkTtlSeconds;
  const sig = crypto.createHash('md5').update(`${orderId}:${expires}:${config.invoices.linkSecret}`).digest('hex'); //@vuln CWE-328|CWE-327
  return `/orders/invoices/invoice-${orderId}.pdf?expires=${expires}&sig=${sig}`;
}

function openInvoice(fileName) {
  return fs.createReadStream(path.join(config.invoices.outputDir, fileName)); //@vuln CWE-22
}

async function notifyWebhook(order, callbackUrl) {
  const payload = { orderId: order.id, status: order.status, total: order.total };
  const res = await axios.post(callbackUrl, payload, { timeout: 5000 }); //@vuln CWE-918
  return res.status;
}

module.exports = {
  search,
  revenueReport,
  renderInvoicePdf,
  compressInvoice,
  signInvoiceLink,
  openInvoice,
  notifyWebhook,
};
