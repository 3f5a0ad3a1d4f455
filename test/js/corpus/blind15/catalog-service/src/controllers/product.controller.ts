import { NextFunction, Request, Response, Router } from 'express';
import { container } from 'tsyringe';
import { ProductService } from '../services/product.service';
import { isValidSku, isValidSlug } from '../utils/validation';

type Handler = (req: Request, res: Response) => unknown;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => Promise.resolve(fn(req, res)).catch(next);

export class ProductController {
  constructor(private readonly products: ProductService) {}

  list: Handler = async (req, res) => {
    const { category, filters } = req.body ?? {};
    res.json(await this.products.list(category, filters, Math.min(Number(req.query.limit) || 50, 200)));
  };

  show: Handler = async (req, res) => {
    if (!isValidSlug(req.params.slug)) return res.status(400).json({ error: 'bad_slug' });
    res.json(await this.products.getBySlug(req.params.slug));
  };

  search: Handler = async (req, res) => {
    const { q = '', sku, mode } = req.query as Record<string, string | undefined>;
    if (sku !== undefined && !isValidSku(sku)) return res.status(400).json({ error: 'bad_sku' });
    res.json(await this.products.search(sku ?? q, mode === 'prefix'));
  };

  budget: Handler = async (req, res) => res.json(await this.products.budget(String(req.query.max ?? '0')));

  reservation: Handler = async (req, res) => {
    const { code, email } = req.body;
    const found = await this.products.lookupReservation(code, email, req.path.startsWith('/v2'));
    res.status(found ? 200 : 404).json(found ?? { error: 'not_found' });
  };

  patchAttributes: Handler = async (req, res) => res.json(await this.products.patchAttributes(req.params.id, req.body));

  applyPreset: Handler = async (req, res) => res.json(await this.products.applyPreset(req.params.id, req.params.preset, req.body ?? {}));

  outbound: Handler = (req, res) => res.redirect(302, String(req.query.to ?? '/')); //@vuln CWE-601

  widget: Handler = async (req, res) => {
    const product = await this.products.getBySlug(req.params.slug);
    const ref = req.query.ref ?? 'direct';
    res.send(`<div class="product-widget" data-ref="${ref}"><h3>${product.name}</h3><span>${product.price}</span></div>`); //@vuln CWE-79
  };
}

export function productRoutes(): Router {
  const ctrl = new ProductController(container.resolve(ProductService));
  const r = Router();
  r.post('/products/query', wrap(ctrl.list));
  r.get('/products/search', wrap(ctrl.search));
  r.get('/products/budget', wrap(ctrl.budget));
  r.get('/out', wrap(ctrl.outbound));
  r.get('/products/:slug', wrap(ctrl.show));
  r.get('/products/:slug/widget', wrap(ctrl.widget));
  r.patch('/products/:id/attributes', wrap(ctrl.patchAttributes));
  r.post('/products/:id/presets/:preset', wrap(ctrl.applyPreset));
  r.post('/reservations/lookup', wrap(ctrl.reservation));
  r.post('/v2/reservations/lookup', wrap(ctrl.reservation));
  return r;
}
