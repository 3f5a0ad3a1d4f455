import type { Actions, PageServerLoad } from './$types';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { adjustCategoryPrices, getProduct, getProductBySku, listProducts, pool, recordOrder } from '$lib/server/db';

const reviewSchema = z.object({
  productId: z.coerce.number().int().positive(),
  rating: z.coerce.number().int().min(1).max(5),
  body: z.string().min(3).max(4000)
});

export const load: PageServerLoad = async ({ url, locals, setHeaders }) => {
  const products = await listProducts({
    category: url.searchParams.get('category') ?? undefined,
    q: url.searchParams.get('q') ?? undefined,
    sort: url.searchParams.get('sort') ?? undefined,
    dir: url.searchParams.get('dir') ?? undefined,
    limit: Number(url.searchParams.get('limit') ?? 48)
  });

  const featuredId = url.searchParams.get('featured');
  const featured = featuredId ? await getProduct(featuredId) : null;

  setHeaders({ 'cache-control': locals.user ? 'private, no-store' : 'public, max-age=60' });
  return { products, featured, cartCount: locals.cart.length };
};

export const actions: Actions = {
  quickAdd: async ({ request, cookies, locals }) => {
    const form = await request.formData();
    const sku = String(form.get('sku') ?? '').trim();
    if (!sku) return fail(400, { message: 'SKU required' });
    const product = await getProductBySku(sku);
    if (!product) return fail(404, { message: `No product ${sku}` });
    const next = [...locals.cart, { sku: product.sku, qty: 1 }];
    cookies.set('cart', Buffer.from(JSON.stringify(next)).toString('base64'), { path: '/', sameSite: 'lax' });
    return { added: product.sku };
  },

  review: async ({ request, locals }) => {
    if (!locals.user) throw error(401, 'Sign in to review');
    const parsed = reviewSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return fail(400, { issues: parsed.error.flatten() });
    const { productId, rating, body } = parsed.data;
    await pool.query('INSERT INTO reviews (product_id, user_id, rating, body) VALUES ($1, $2, $3, $4)', [productId, locals.user.id, rating, body]);
    return { ok: true };
  },

  filter: async ({ request }) => {
    const form = await request.formData();
    const pattern = String(form.get('pattern') ?? '');
    const products = await listProducts({ limit: 200 });
    const matcher = new RegExp(pattern, 'i'); //@vuln CWE-1333
    return { matches: products.filter((p) => matcher.test(p.name) || matcher.test(p.description ?? '')) };
  },

  reprice: async ({ request, locals }) => {
    if (locals.user?.role !== 'admin') throw error(403);
    const form = await request.formData();
    await adjustCategoryPrices(String(form.get('category')), Number(form.get('factor')));
    return { ok: true };
  },

  checkout: async ({ request, locals, cookies }) => {
    if (!locals.user) throw redirect(303, '/login?redirectTo=/products');
    if (!locals.cart.length) return fail(400, { message: 'Cart is empty' });
    const form = await request.formData();
    const orderId = await recordOrder(locals.user.id, locals.cart);
    cookies.delete('cart', { path: '/' });
    const returnTo = form.get('returnTo');
    if (typeof returnTo === 'string' && returnTo.length > 0) {
      throw redirect(303, `${returnTo}?order=${orderId}`); //@vuln CWE-601
    }
    throw redirect(303, `/orders/${orderId}`); //@safe
  }
};
