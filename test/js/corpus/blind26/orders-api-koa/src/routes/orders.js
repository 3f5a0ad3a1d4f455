'use strict';

const Router = require('@koa/router');
const escapeHtml = require('escape-html');
const service = require('../services/orderService');
const repo = require('../repositories/orderRepository');
const config = require('../config');

const router = new Router({ prefix: '/orders' });

async function requireUser(ctx, next) {
  ctx.assert(ctx.state.user, 401, 'authentication required');
  await next();
}

router.get('/', requireUser, async (ctx) => {
  ctx.body = await repo.listForCustomer(ctx.state.user.sub, ctx.query.sort, ctx.query.dir);
});

router.get('/search', requireUser, async (ctx) => {
  ctx.body = await service.search(ctx.query);
});

router.get('/revenue', requireUser, async (ctx) => {
  ctx.body = await service.revenueReport(ctx.query);
});

router.get('/filter', requireUser, async (ctx) => {
  const { field = 'status', value = '' } = ctx.query;
  ctx.body = await repo.filterByField(field, value);
});

router.post('/archive', requireUser, async (ctx) => {
  ctx.assert(ctx.state.user.role === 'admin', 403);
  const [affected] = await repo.archiveOlderThan(ctx.request.body.days);
  ctx.body = { archived: affected };
});

router.post('/:id/invoice', requireUser, async (ctx) => {
  const order = await repo.findById(ctx.params.id);
  ctx.assert(order, 404, 'order not found');
  await service.renderInvoicePdf(order, ctx.request.body.paperSize || 'A4');
  await service.compressInvoice(order.id);
  ctx.body = { link: service.signInvoiceLink(order.id) };
});

router.get('/invoices/:file', requireUser, async (ctx) => {
  ctx.type = 'application/pdf';
  ctx.attachment(ctx.params.file);
  ctx.body = service.openInvoice(ctx.params.file);
});

router.patch('/:id/notes', requireUser, async (ctx) => {
  await repo.updateNotes(ctx.params.id, String(ctx.request.body.notes || ''));
  ctx.status = 204;
});

router.post('/:id/notify', requireUser, async (ctx) => {
  const order = await repo.findById(ctx.params.id);
  ctx.assert(order, 404);
  const status = await service.notifyWebhook(order, ctx.request.body.callbackUrl);
  ctx.body = { delivered: status < 300 };
});

router.get('/receipt/:ref', async (ctx) => {
  const order = await repo.findByReference(ctx.params.ref);
  ctx.type = 'html';
  if (!order) {
    ctx.status = 404;
    ctx.body = `<p>We could not find an order with reference <b>${ctx.params.ref}</b>.</p>`; //@vuln CWE-79
    return;
  }
  ctx.body = `<h1>Receipt ${escapeHtml(order.reference)}</h1><p>${escapeHtml(order.notes || '')}</p>`; //@safe
});

router.get('/checkout/complete', async (ctx) => {
  ctx.redirect(ctx.query.returnTo || '/'); //@vuln CWE-601
});

router.get('/checkout/cancel', async (ctx) => {
  const target = new URL(ctx.query.returnTo || '/', 'https://shop.example.com');
  ctx.assert(target.protocol === 'https:' && config.allowedReturnHosts.includes(target.hostname), 400, 'invalid return url');
  ctx.redirect(target.toString()); //@safe
});

module.exports = router;
