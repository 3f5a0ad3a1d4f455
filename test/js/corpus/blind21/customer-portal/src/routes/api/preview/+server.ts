import type { RequestHandler } from './$types';
import { error, json } from '@sveltejs/kit';

const CARRIER_HOSTS = new Set(['api.carrier-one.test', 'tracking.carrier-two.test']);

function extractTitle(html: string) {
  const m = html.match(/<title>([^<]{0,200})<\/title>/i);
  return m ? m[1].trim() : null;
}

export const GET: RequestHandler = async ({ url }) => {
  const target = url.searchParams.get('url');
  if (!target) throw error(400, 'url is required');
  const res = await fetch(target, { redirect: 'follow' }); //@vuln CWE-918
  const body = await res.text();
  return json({ status: res.status, title: extractTitle(body) });
};

export const POST: RequestHandler = async ({ request }) => {
  const { trackingUrl } = (await request.json()) as { trackingUrl: string };
  const u = new URL(trackingUrl);
  if (u.protocol !== 'https:' || !CARRIER_HOSTS.has(u.hostname)) {
    throw error(400, 'carrier not supported');
  }
  const res = await fetch(u, { redirect: 'error' }); //@safe
  return json(await res.json());
};
