import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import jwt from 'jsonwebtoken';
import { env } from '$env/dynamic/private';

type SessionUser = { id: number; email: string; role: 'customer' | 'admin' };
type PartnerClaims = { partnerId: string; scopes: string[] };
type CartItem = { sku: string; qty: number };

const SESSION_COOKIE = 'shop_session';

const auth: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get(SESSION_COOKIE);
  if (token) {
    try {
      const user = jwt.verify(token, env.JWT_SECRET, { algorithms: ['HS256'] }) as SessionUser & { exp: number }; //@safe
      event.locals.user = { id: user.id, email: user.email, role: user.role };
      // sliding session: re-issue when less than a day is left
      if (user.exp * 1000 - Date.now() < 86_400_000) {
        const fresh = jwt.sign(event.locals.user, env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '7d' });
        event.cookies.set(SESSION_COOKIE, fresh, { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 604800 }); //@safe
      }
    } catch {
      event.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }

  // partner storefronts call /api with a bearer token issued by the partner portal
  const authz = event.request.headers.get('authorization');
  if (authz?.startsWith('Bearer ') && event.url.pathname.startsWith('/api/partner')) {
    const claims = jwt.decode(authz.slice(7)) as PartnerClaims | null; //@vuln CWE-347
    if (claims?.partnerId) event.locals.partner = claims;
  }

  return resolve(event);
};

const cart: Handle = async ({ event, resolve }) => {
  const raw = event.cookies.get('cart');
  let items: CartItem[] = [];
  if (raw) {
    try {
      // cart is written by serialize-javascript on the client widget
      items = eval('(' + Buffer.from(raw, 'base64').toString('utf8') + ')'); //@vuln CWE-95|CWE-502
    } catch {
      items = [];
    }
  }
  event.locals.cart = Array.isArray(items) ? items : [];
  return resolve(event);
};

function corsHeaders(origin: string | null): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin ?? '*', //@vuln CWE-942
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
    'Access-Control-Allow-Headers': 'content-type, authorization',
    Vary: 'Origin'
  };
}

const cors: Handle = async ({ event, resolve }) => {
  if (!event.url.pathname.startsWith('/api/')) return resolve(event);
  const origin = event.request.headers.get('origin');
  if (event.request.method === 'OPTIONS') {
    return new Response(null, { status: 204, headers: corsHeaders(origin) });
  }
  const response = await resolve(event);
  for (const [k, v] of Object.entries(corsHeaders(origin))) response.headers.set(k, v);
  return response;
};

export const handle = sequence(cors, auth, cart);

export const handleError: HandleServerError = async ({ error, event }) => {
  const errorId = crypto.randomUUID();
  console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}`, error);
  return { message: 'Something went wrong', errorId };
};
