import { error, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { RequestHandler } from './$types';

const OEMBED_PROVIDERS = new Map<string, string>([
  ['www.youtube.com', 'https://www.youtube.com/oembed'],
  ['vimeo.com', 'https://vimeo.com/api/oembed.json'],
  ['open.spotify.com', 'https://open.spotify.com/oembed'],
]);

interface OEmbed {
  title?: string;
  author_name?: string;
  provider_name?: string;
  html?: string;
  thumbnail_url?: string;
}

// Embeddable post card used on customer blogs: <iframe src="https://app.postwise.app/api/embed?src=...">
export const GET: RequestHandler = async ({ url, fetch }) => {
  const source = url.searchParams.get('src');
  const theme = url.searchParams.get('theme') ?? 'light';
  if (!source) throw error(400, 'src is required');

  const target = new URL(source);
  const provider = OEMBED_PROVIDERS.get(target.hostname);
  const upstream = provider
    ? await fetch(`${provider}?format=json&url=${encodeURIComponent(target.href)}`)  //@safe
    : await fetch(target.href, { headers: { accept: 'application/json+oembed, application/json' } });  //@vuln CWE-918
  if (!upstream.ok) throw error(502, 'Embed provider failed');
  const meta = (await upstream.json()) as OEmbed;

  const html = `<!doctype html>
<html>
  <head><meta charset="utf-8"><link rel="stylesheet" href="/embed.css"></head>
  <body class="theme-${theme}">
    <figure>${meta.html ?? `<img src="${meta.thumbnail_url ?? ''}" alt="">`}
      <figcaption>${meta.title ?? ''} · ${meta.author_name ?? meta.provider_name ?? ''}</figcaption>
    </figure>
  </body>
</html>`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' } });  //@vuln CWE-79
};

// Quick share from the browser extension: creates a draft, then either opens the composer or returns to the page
export const POST: RequestHandler = async ({ request, url, locals, fetch }) => {
  if (!locals.user) throw redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
  const form = await request.formData();
  const link = String(form.get('url') ?? '');
  const caption = String(form.get('caption') ?? '');

  const res = await fetch(`${env.API_URL}/v1/posts/drafts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ caption: caption ? `${caption}\n${link}` : link, network: form.get('network') ?? 'linkedin' }),
  });
  if (!res.ok) throw error(res.status, 'Could not create draft');
  const { id } = (await res.json()) as { id: string };

  if (form.get('open') === 'composer') {
    const next = new URL(String(form.get('next') ?? '/compose'), url.origin);
    throw redirect(303, next.origin === url.origin ? `${next.pathname}?draft=${id}` : `/compose?draft=${id}`);  //@safe
  }
  throw redirect(303, String(form.get('back') ?? link));  //@vuln CWE-601
};
