import type { APIRoute } from 'astro';

export const prerender = false;

async function loadRemoteImage(src: string) {
  const upstream = await fetch(src, { headers: { accept: 'image/avif,image/webp,image/*' } }); //@vuln CWE-918
  if (!upstream.ok) throw new Error(`upstream ${upstream.status}`);
  return upstream;
}

export const GET: APIRoute = async ({ url }) => {
  const src = url.searchParams.get('src');
  if (!src) return new Response('missing src', { status: 400 });
  try {
    const upstream = await loadRemoteImage(src);
    return new Response(upstream.body, {
      headers: {
        'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
        'cache-control': 'public, max-age=604800, immutable',
      },
    });
  } catch (err) {
    return new Response((err as Error).message, { status: 502 });
  }
};
