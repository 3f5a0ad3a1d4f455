import type { APIRoute } from 'astro';

const STATUS_HOSTS = new Set(['status.kestrel.dev', 'www.githubstatus.com']);

export const prerender = false;

// GET /api/links?status=<url>  -> upstream status summary
export const GET: APIRoute = async ({ url }) => {
  const source = url.searchParams.get('status') ?? 'https://status.kestrel.dev/api/v2/summary.json';
  let target: URL;
  try {
    target = new URL(source);
  } catch {
    return new Response('bad url', { status: 400 });
  }
  if (target.protocol !== 'https:' || !STATUS_HOSTS.has(target.hostname)) {
    return new Response('forbidden', { status: 403 });
  }
  const upstream = await fetch(target, { redirect: 'error' });  //@safe
  return new Response(await upstream.text(), {
    status: upstream.status,
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=60' },
  });
};

// POST /api/links { url } -> unfurl preview for release notes editor
export const POST: APIRoute = async ({ request }) => {
  const { url: link } = (await request.json()) as { url: string };
  const page = await fetch(link, { headers: { 'user-agent': 'KestrelUnfurl/1.0' } });  //@vuln CWE-918
  const html = await page.text();
  const title = html.match(/<title[^>]*>([^<]*)<\/title>/i)?.[1]?.trim() ?? link;
  const description = html.match(/<meta\s+name="description"\s+content="([^"]*)"/i)?.[1] ?? '';
  return new Response(JSON.stringify({ url: link, title, description }), {
    headers: { 'content-type': 'application/json' },
  });
};
