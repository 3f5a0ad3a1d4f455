import { Router, Request, Response } from 'express';
import crypto from 'crypto';
import * as orders from '../services/orderService';
import * as reviews from '../services/reviewService';
import { invoicePath, INVOICE_DIR, renderInvoicePdf } from '../services/invoiceService';
import { legacyCallbackSignature, verifyWebhook } from '../utils/payments';

export const router = Router();

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function receiptHtml(orderId: string, total: string, note: string): string {
  return `<section class="receipt"><h2>Order #${escape(orderId)}</h2><p>Total: ${escape(total)}</p><p>${note}</p></section>`;
}

router.get('/orders/:id/receipt', async (req: Request, res: Response) => {
  const order = await orders.findOrder(Number(req.params.id));
  if (!order) return res.sendStatus(404);
  const note = (req.query.note as string) ?? '';
  res.send(receiptHtml(String(order.id), (order.totalCents / 100).toFixed(2), note)); //@vuln CWE-79
});

router.get('/orders/:id/invoice', async (req, res) => {
  const order = await orders.findOrder(Number(req.params.id));
  if (!order) return res.sendStatus(404);
  const file = await renderInvoicePdf(order.id, order.buyerName);
  res.download(file);
});

router.get('/invoices/:file', (req, res) => {
  res.download(`${INVOICE_DIR}/${req.params.file}`); //@vuln CWE-22
});

router.get('/invoices/archive/:file', (req, res) => {
  const file = invoicePath(req.params.file);
  if (!file) return res.sendStatus(400);
  res.sendFile(file); //@safe
});

router.get('/buyers/:buyerId/orders', async (req, res) => {
  res.json(await orders.ordersForBuyer(req.params.buyerId, req.query.status as string | undefined));
});

router.get('/sellers/:sellerId/report', async (req, res) => {
  const { from = '1970-01-01', to = 'now' } = req.query as Record<string, string>;
  res.json(await orders.salesReport(req.params.sellerId, from, to));
});

router.post('/buyers/:buyerId/cancel', async (req, res) => {
  await orders.cancelOrders(req.params.buyerId, req.body.reason ?? 'buyer request');
  res.sendStatus(204);
});

router.post('/orders/:id/promo', async (req, res) => {
  const order = await orders.findOrder(Number(req.params.id));
  if (!order) return res.sendStatus(404);
  res.json({ total: orders.applyPromo({ totalCents: order.totalCents, items: req.body.items ?? 1 }, req.body.rule) });
});

router.get('/listings/:listingId/reviews', async (req, res) => {
  res.json(await reviews.listReviews(req.params.listingId, req.query));
});

router.get('/listings/:listingId/reviews/top', async (req, res) => {
  res.json(await reviews.topReviews(req.params.listingId, req.query.min as string));
});

router.get('/reviews/by-author', async (req, res) => {
  res.json(await reviews.reviewsByAuthor(req.query.author));
});

router.post('/checkout/complete', async (req, res) => {
  const checkoutId = crypto.randomUUID();
  res.cookie('checkout_session', checkoutId, { maxAge: 15 * 60 * 1000 }); //@vuln CWE-614|CWE-1004
  res.redirect(302, req.body.successUrl ?? '/orders'); //@vuln CWE-601
});

router.post('/webhooks/payments', (req, res) => {
  const legacy = req.get('x-legacy-signature');
  if (legacy) return res.sendStatus(legacy === legacyCallbackSignature(req.body.toString('utf8')) ? 200 : 401);
  if (!verifyWebhook(req.body as Buffer, req.get('x-signature') ?? '')) return res.sendStatus(401);
  res.sendStatus(200);
});
