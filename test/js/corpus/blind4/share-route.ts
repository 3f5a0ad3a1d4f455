// app/api/share/route.ts  (Next.js app router)
import { NextRequest, NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { randomUUID } from 'crypto';
import { lookup } from 'dns/promises';
import net from 'net';

const UNFURL_ALLOWED = new Set(['github.com', 'gitlab.com', 'www.youtube.com']);

type SharePayload = {
  link: string;
  title?: string;
  returnUrl?: string;
};

async function fetchPreview(link: string) {
  const res = await fetch(link, { redirect: 'follow' }); //@vuln CWE-918
  const html = await res.text();
  const m = html.match(/<meta property="og:title" content="([^"]*)"/);
  return m?.[1] ?? null;
}

async function fetchPreviewAllowed(link: string) {
  const url = new URL(link);
  if (url.protocol !== 'https:' || !UNFURL_ALLOWED.has(url.hostname)) return null;
  const res = await fetch(url, { redirect: 'error' }); //@safe
  return (await res.text()).length;
}

async function isPublicHost(hostname: string) {
  const { address } = await lookup(hostname);
  return net.isIPv4(address) && !/^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address);
}

export async function POST(req: NextRequest) {
  const body = (await req.json()) as SharePayload;
  const title = await fetchPreview(body.link);
  const size = await fetchPreviewAllowed(body.link);

  const id = randomUUID();
  cookies().set('last_share', id, { httpOnly: true, secure: true, sameSite: 'lax' }); //@safe
  cookies().set('share_owner', body.title ?? '', { httpOnly: false }); //@vuln CWE-1004|CWE-614

  return NextResponse.json({ id, title, size });
}

export async function GET(req: NextRequest) {
  const { searchParams } = new URL(req.url);
  const target = searchParams.get('target') ?? '/';
  return NextResponse.redirect(new URL(target, req.url)); //@vuln CWE-601
}

export async function PUT(req: NextRequest) {
  const { returnUrl = '/' } = (await req.json()) as SharePayload;
  const dest = new URL(returnUrl, req.nextUrl.origin);
  if (dest.origin !== req.nextUrl.origin) {
    return NextResponse.redirect(new URL('/', req.url));
  }
  return NextResponse.redirect(dest); //@safe
}

export async function PATCH(req: NextRequest) {
  const webhook = req.nextUrl.searchParams.get('hook');
  if (!webhook) return NextResponse.json({ error: 'missing hook' }, { status: 400 });
  const host = new URL(webhook).hostname;
  if (!(await isPublicHost(host))) {
    return NextResponse.json({ error: 'blocked' }, { status: 403 });
  }
  const r = await fetch(webhook, { method: 'POST', body: '{}' }); //@vuln CWE-918
  return NextResponse.json({ status: r.status });
}

export async function DELETE(req: NextRequest) {
  const name = req.nextUrl.searchParams.get('name') ?? '';
  return new NextResponse(`<p>Deleted share ${name}</p>`, { headers: { 'content-type': 'text/html' } }); //@vuln CWE-79
}

export async function OPTIONS(req: NextRequest) {
  const origin = req.headers.get('origin') ?? '';
  const headers = { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' }; //@vuln CWE-942|CWE-346
  return new NextResponse(null, { status: 204, headers: { ...headers, 'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE' } });
}
