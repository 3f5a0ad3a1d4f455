import { NextRequest, NextResponse } from 'next/server';

const CDN_HOSTS = new Set(['images.ctfassets.net', 'cdn.example.com']);

export async function GET(req: NextRequest) {
  const src = req.nextUrl.searchParams.get('src');
  if (!src) return new NextResponse('missing src', { status: 400 });
  const cdn = req.nextUrl.searchParams.get('cdn') === '1';
  if (cdn) {
    const url = new URL(src);
    if (url.protocol !== 'https:' || !CDN_HOSTS.has(url.hostname)) return new NextResponse('forbidden', { status: 403 });
    const upstream = await fetch(url, { next: { revalidate: 3600 } }); //@safe
    return new NextResponse(upstream.body, { headers: { 'content-type': upstream.headers.get('content-type') ?? 'image/png' } });
  }
  const upstream = await fetch(src, { cache: 'no-store' }); //@vuln CWE-918
  return new NextResponse(upstream.body, { headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' } });
}
