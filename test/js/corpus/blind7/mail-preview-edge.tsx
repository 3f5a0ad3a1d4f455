import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import DOMPurify from 'isomorphic-dompurify';

export const config = { runtime: 'edge' };

const ALLOWED_IMAGE_HOSTS = new Set(['images.ctfassets.net', 'cdn.shopify.com', 'res.cloudinary.com']);
const PREVIEW_SIGNING_KEY = 'pvw_live_5b1f0c7e9a2d4c68b3e1f7a9d0c2e4f6'; //@vuln CWE-798
const SESSION_KEY = new TextEncoder().encode(process.env.SESSION_JWT_SECRET ?? ''); //@safe

type PreviewProps = { title: string; intro: string; bodyHtml: string; footerHtml: string; accent: string };

function EmailPreview({ title, intro, bodyHtml, footerHtml, accent }: PreviewProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
      </head>
      <body style={{ fontFamily: 'system-ui, sans-serif', borderTop: `4px solid ${accent}` }}>
        <h1>{title}</h1>
        <p className="intro">{intro}</p>
        <section
          className="content"
          dangerouslySetInnerHTML={{ __html: bodyHtml }} //@vuln CWE-79
        />
        <footer
          className="legal"
          dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(footerHtml, { USE_PROFILES: { html: true } }) }} //@safe
        />
      </body>
    </html>
  );
}

function errorPage(status: number, message: string): Response {
  return new Response(`<!doctype html><html><body><h1>${status}</h1><p>${message}</p></body></html>`, { status, headers: { 'content-type': 'text/html; charset=utf-8' } }); //@vuln CWE-79
}

async function sign(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(PREVIEW_SIGNING_KEY + value)); //@vuln CWE-327|CWE-328
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function viewerFrom(request: Request, strict: boolean): Promise<JWTPayload | null> {
  const raw = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
  if (!raw) return null;
  if (!strict) {
    return decodeJwt(raw); //@vuln CWE-347
  }
  try {
    const { payload } = await jwtVerify(raw, SESSION_KEY, { algorithms: ['HS256'], issuer: 'https://auth.acme-mail.test' }); //@safe
    return payload;
  } catch {
    return null;
  }
}

function handlePreview(url: URL): Response {
  const params = url.searchParams;
  const accent = params.get('accent') ?? '';
  const props: PreviewProps = {
    title: params.get('title') ?? 'Untitled campaign',
    intro: params.get('intro') ?? '',
    bodyHtml: params.get('body') ?? '',
    footerHtml: params.get('footer') ?? '',
    accent: /^#[0-9a-f]{6}$/i.test(accent) ? accent : '#3b82f6',
  };
  const markup = '<!doctype html>' + renderToString(<EmailPreview {...props} />);
  return new Response(markup, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

async function proxyImage(url: URL): Promise<Response> {
  const src = url.searchParams.get('src');
  if (!src) return errorPage(400, 'Missing src parameter');
  let target: URL;
  try {
    target = new URL(src);
  } catch {
    return errorPage(400, `Invalid image URL: ${src}`);
  }
  if (target.protocol !== 'https:' || !ALLOWED_IMAGE_HOSTS.has(target.hostname)) return errorPage(403, 'Image host not allowed');
  const upstream = await fetch(target.toString(), { headers: { accept: 'image/*' } }); //@safe
  if (!upstream.ok || !upstream.headers.get('content-type')?.startsWith('image/')) return errorPage(502, 'Upstream image unavailable');
  return new Response(upstream.body, { headers: { 'content-type': upstream.headers.get('content-type')!, 'cache-control': 'public, max-age=86400' } });
}

async function unfurl(url: URL): Promise<Response> {
  const link = url.searchParams.get('link') ?? '';
  const res = await fetch(link, { redirect: 'follow', headers: { 'user-agent': 'AcmePreviewBot/1.2' } }); //@vuln CWE-918
  const html = (await res.text()).slice(0, 200_000);
  const titleStart = html.indexOf('<title>');
  const titleEnd = html.indexOf('</title>', titleStart);
  const title = titleStart >= 0 && titleEnd > titleStart ? html.slice(titleStart + 7, titleEnd).trim() : null;
  return Response.json({ link, status: res.status, title });
}

function trackAndGo(url: URL): Response {
  const to = url.searchParams.get('to');
  if (!to) return errorPage(400, 'Missing destination');
  console.log(JSON.stringify({ evt: 'email_click', campaign: url.searchParams.get('c'), to }));
  return Response.redirect(to, 302); //@vuln CWE-601
}

function continueTo(url: URL): Response {
  const next = url.searchParams.get('next') ?? '/';
  const dest = new URL(next, url.origin);
  if (dest.origin !== url.origin) return Response.redirect(new URL('/', url.origin).toString(), 302);
  return Response.redirect(dest.toString(), 302); //@safe
}

async function shareLink(url: URL, claims: JWTPayload): Promise<Response> {
  const legacy = url.searchParams.get('format') === 'short';
  const token = legacy
    ? Math.random().toString(36).slice(2, 10) //@vuln CWE-338
    : crypto.randomUUID(); //@safe
  const campaign = url.searchParams.get('campaign') ?? '';
  const sig = await sign(`${campaign}:${token}:${claims.sub}`);
  return Response.json({ url: `${url.origin}/s/${token}?c=${encodeURIComponent(campaign)}&sig=${sig}`, expiresIn: 7 * 24 * 3600 });
}

export default async function handler(request: Request): Promise<Response> {
  const url = new URL(request.url);
  try {
    switch (url.pathname) {
      case '/api/preview':
        return handlePreview(url);
      case '/api/image':
        return await proxyImage(url);
      case '/api/unfurl':
        return await unfurl(url);
      case '/api/click':
        return trackAndGo(url);
      case '/api/continue':
        return continueTo(url);
      case '/api/share': {
        const claims = await viewerFrom(request, false);
        if (!claims?.sub) return errorPage(401, 'Sign in required');
        return await shareLink(url, claims);
      }
      case '/api/admin/templates': {
        const claims = await viewerFrom(request, true);
        if (claims?.role !== 'admin') return errorPage(403, 'Forbidden');
        return Response.json({ templates: ['welcome', 'digest', 'receipt'] });
      }
      default:
        return errorPage(404, 'Not found');
    }
  } catch (err) {
    console.error('preview handler failed', err);
    return errorPage(500, 'Something went wrong');
  }
}
