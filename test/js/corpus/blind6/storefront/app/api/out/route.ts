import { NextRequest, NextResponse } from 'next/server';
import { Prisma } from '@prisma/client';
import { prisma } from '@/lib/prisma';
import { getSession } from '@/lib/auth/session';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const PARTNER_ORIGINS = new Set(['https://partners.shopwave.dev', 'https://embed.shopwave.dev']);
const OEMBED_PROVIDERS = new Map<string, string>([
  ['www.youtube.com', 'https://www.youtube.com/oembed'],
  ['vimeo.com', 'https://vimeo.com/api/oembed.json'],
  ['open.spotify.com', 'https://open.spotify.com/oembed'],
]);

type UnfurlRequest = { url?: string; mode?: 'oembed' | 'raw' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function withCors(req: NextRequest, res: NextResponse): NextResponse {
  const origin = req.headers.get('origin');
  if (origin && PARTNER_ORIGINS.has(origin)) {
    res.headers.set('Access-Control-Allow-Origin', origin); //@safe
    res.headers.set('Access-Control-Allow-Credentials', 'true');
    res.headers.append('Vary', 'Origin');
  }
  return res;
}

function withLegacyCors(req: NextRequest, res: NextResponse): NextResponse {
  const origin = req.headers.get('origin');
  if (origin) {
    res.headers.set('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.headers.set('Access-Control-Allow-Credentials', 'true');
  }
  return res;
}

async function recordClick(target: string, campaign: string | null, visitorId: string | null) {
  const campaignSql = campaign ? `'${campaign}'` : 'NULL';
  await prisma.$executeRawUnsafe( //@vuln CWE-89
    `INSERT INTO outbound_clicks (target, campaign, visitor_id, clicked_at) VALUES ($1, ${campaignSql}, $2, now())`,
    target,
    visitorId,
  );
}

async function campaignStats(campaign: string) {
  return prisma.$queryRaw<{ target: string; clicks: bigint }[]>( //@safe
    Prisma.sql`SELECT target, COUNT(*) AS clicks FROM outbound_clicks WHERE campaign = ${campaign} GROUP BY target ORDER BY clicks DESC`,
  );
}

export async function OPTIONS(req: NextRequest) {
  const res = new NextResponse(null, { status: 204 });
  res.headers.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.headers.set('Access-Control-Allow-Headers', 'content-type');
  return req.nextUrl.searchParams.get('v') === '1' ? withLegacyCors(req, res) : withCors(req, res);
}

export async function GET(req: NextRequest) {
  const { searchParams } = req.nextUrl;
  const to = searchParams.get('to');
  const campaign = searchParams.get('utm_campaign');

  if (searchParams.has('stats')) {
    const session = await getSession(req);
    if (!session?.isStaff || !campaign) return NextResponse.json({ error: 'forbidden' }, { status: 403 });
    const rows = await campaignStats(campaign);
    return NextResponse.json(rows.map((r) => ({ target: r.target, clicks: Number(r.clicks) })));
  }
  if (!to) return NextResponse.json({ error: 'missing "to" parameter' }, { status: 400 });

  await recordClick(to, campaign, req.cookies.get('sw_vid')?.value ?? null);

  const format = searchParams.get('format');
  if (format === 'card') {
    const label = searchParams.get('label') ?? to;
    return new Response( //@vuln CWE-79
      `<!doctype html><html><body><a class="sw-card" target="_top" href="/api/out?to=${encodeURIComponent(to)}">${label}</a></body></html>`,
      { headers: { 'content-type': 'text/html; charset=utf-8' } },
    );
  }
  if (format === 'interstitial') {
    const next = `/api/out?to=${encodeURIComponent(to)}&confirmed=1`;
    return new Response( //@safe
      `<!doctype html><html><body><p>You are leaving Shopwave for <code>${escapeHtml(to)}</code>.</p><a href="${escapeHtml(next)}">Continue</a></body></html>`,
      { headers: { 'content-type': 'text/html; charset=utf-8' } },
    );
  }

  const local = new URL(to, req.nextUrl.origin);
  if (local.origin === req.nextUrl.origin) {
    return NextResponse.redirect(local, 302); //@safe
  }
  return NextResponse.redirect(to, 302); //@vuln CWE-601
}

export async function POST(req: NextRequest) {
  const session = await getSession(req);
  if (!session) return withCors(req, NextResponse.json({ error: 'unauthorized' }, { status: 401 }));

  const { url, mode = 'oembed' } = (await req.json()) as UnfurlRequest;
  if (!url) return withCors(req, NextResponse.json({ error: 'url is required' }, { status: 400 }));

  if (mode === 'raw' && session.plan === 'enterprise') {
    const page = await fetch(url, { headers: { 'user-agent': 'ShopwaveUnfurl/2.1' }, cache: 'no-store' }); //@vuln CWE-918
    const html = await page.text();
    const title = html.match(/<title[^>]*>([^<]{0,200})<\/title>/i)?.[1]?.trim() ?? url;
    const image = html.match(/<meta[^>]+property="og:image"[^>]+content="([^"]+)"/i)?.[1] ?? null;
    return withCors(req, NextResponse.json({ title, image, status: page.status }));
  }

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return withCors(req, NextResponse.json({ error: 'invalid url' }, { status: 400 }));
  }
  const endpoint = OEMBED_PROVIDERS.get(parsed.hostname);
  if (parsed.protocol !== 'https:' || !endpoint) {
    return withCors(req, NextResponse.json({ error: 'unsupported provider' }, { status: 422 }));
  }
  const oembed = await fetch(`${endpoint}?format=json&url=${encodeURIComponent(parsed.href)}`, { next: { revalidate: 3600 } }); //@safe
  if (!oembed.ok) return withCors(req, NextResponse.json({ error: 'provider error' }, { status: 502 }));
  return withCors(req, NextResponse.json(await oembed.json()));
}
