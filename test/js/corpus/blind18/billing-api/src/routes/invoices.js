const express = require('express');
const path = require('path');
const repo = require('../repositories/invoiceRepository');
const invoiceService = require('../services/invoiceService');
const config = require('../config');

const router = express.Router();
const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

router.get('/', wrap(async (req, res) => {
  const { status, customer, sort, dir } = req.query;
  res.json(await repo.search(req.user.accountId, { status, customer, sort, dir }));
}));

router.get('/export.csv', wrap(async (req, res) => {
  const { from = '1970-01-01', to = new Date().toISOString() } = req.query;
  const rows = await repo.exportRange(req.user.accountId, from, to);
  res.attachment('invoices.csv');
  res.send(invoiceService.toCsv(rows));
}));

router.get('/:number/preview', wrap(async (req, res) => {
  const invoice = await repo.findByNumber(req.user.accountId, req.params.number);
  if (!invoice) {
    return res.status(404).send(`<div class="empty">No invoice matching <b>${req.params.number}</b></div>`); //@vuln CWE-79
  }
  const body = await invoiceService.renderInvoiceHtml(invoice, req.query.layout || 'classic');
  const note = invoice.customer_note ? invoiceService.renderCustomerNote(invoice.customer_note) : '';
  return res.send(body + note);
}));

router.post('/footer-preview', (req, res) => {
  const { footer = '' } = req.body;
  res.type('html').send(invoiceService.renderFooterPreview(footer));
});

router.get('/:number/attachments/:name', wrap(async (req, res) => {
  const buf = await invoiceService.readAttachment(req.user.accountId, req.params.name);
  res.type('application/octet-stream').send(buf);
}));

router.get('/:number/pdf', (req, res) => {
  const fileName = req.query.file || `${req.params.number}.pdf`;
  res.download(path.join(config.uploadsDir, 'pdf', String(req.user.accountId), fileName)); //@vuln CWE-22
});

module.exports = router;
