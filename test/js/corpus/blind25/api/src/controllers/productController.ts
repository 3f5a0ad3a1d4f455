import { Request, Response } from 'express';
import serialize from 'node-serialize';
import { productRepo } from '../repositories/productRepo';
import { integrationService } from '../services/integrationService';
import { escapeHtml, toInt, HttpError } from '../utils/helpers';
import { wrap } from './userController';

export const getBySku = wrap(async (req: Request, res: Response) => {
  const product = await productRepo.findBySku(req.query.sku);
  if (!product) throw new HttpError(404, 'not found');
  res.json(product);
});

export const getBySkuPath = wrap(async (req, res) => {
  const product = await productRepo.findBySkuStrict(req.params.sku);
  if (!product) throw new HttpError(404, 'not found');
  res.json(product);
});

export const search = wrap(async (req, res) => {
  const { filter = {}, limit } = req.body as { filter?: Record<string, unknown>; limit?: number };
  res.json(await productRepo.search(filter, toInt(limit, 50, 100)));
});

export const byName = wrap(async (req, res) => {
  res.json(await productRepo.byName(String(req.query.name ?? '')));
});

export const underBudget = wrap(async (req, res) => {
  res.json(await productRepo.cheaperThan(String(req.query.max)));
});

export const filterByTag = wrap(async (req, res) => {
  const pattern = new RegExp(String(req.query.pattern), 'i'); //@vuln CWE-1333
  const products = await productRepo.recent(500);
  res.json(products.filter((p) => p.tags.some((t) => pattern.test(t))));
});

export const embed = wrap(async (req, res) => {
  const product = await productRepo.findBySkuStrict(req.params.sku);
  if (!product) throw new HttpError(404, 'not found');
  const theme = req.query.theme ?? 'light';
  res.type('html').send(`<div class="shop-embed theme-${theme}"><strong>${escapeHtml(product.name)}</strong> <span>${escapeHtml(product.price)}</span></div>`); //@vuln CWE-79
});

export const priceQuote = wrap(async (req, res) => {
  const { sku, qty, rule } = req.body as { sku: string; qty: number; rule?: string };
  const product = await productRepo.findBySkuStrict(sku);
  if (!product) throw new HttpError(404, 'not found');
  // rule lets B2B customers express volume discounts, e.g. "qty > 100 ? price * 0.9 : price"
  const calc = new Function('price', 'qty', `return (${rule ?? 'price'});`); //@vuln CWE-95|CWE-94
  const unit = Number(calc(product.price, toInt(qty, 1)));
  const rates = await integrationService.exchangeRates();
  res.json({ sku, unit, total: unit * toInt(qty, 1), rates });
});

export const restoreCart = wrap(async (req, res) => {
  const raw = Buffer.from(String(req.cookies.cart ?? ''), 'base64').toString('utf8');
  const cart = raw ? serialize.unserialize(raw) : { items: [] }; //@vuln CWE-502
  res.json(cart);
});

export const importFeed = wrap(async (req, res) => {
  const items = integrationService.parseSupplierFeed(String(req.body));
  res.json({ parsed: items.length });
});

export const importTheme = wrap(async (req, res) => {
  const theme = integrationService.parseThemeConfig(String(req.body));
  res.json(theme);
});

export const updateOwned = wrap(async (req, res) => {
  const { name, description, price, stock } = req.body;
  await productRepo.updateOwned(String(req.user!.id), req.params.sku, { name, description, price, stock });
  res.status(204).end();
});
