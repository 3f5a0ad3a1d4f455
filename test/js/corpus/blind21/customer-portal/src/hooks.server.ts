import { redirect, type Handle } from '@sveltejs/kit';
import { getSession } from '$lib/server/session';

const PROTECTED = ['/account', '/api/documents', '/api/invoices'];

export const handle: Handle = async ({ event, resolve }) => {
  const sid = event.cookies.get('portal_sid');
  event.locals.user = sid ? ((await getSession(sid)) ?? null) : null;
  if (PROTECTED.some((p) => event.url.pathname.startsWith(p)) && !event.locals.user) {
    throw redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
  }
  return resolve(event);
};
