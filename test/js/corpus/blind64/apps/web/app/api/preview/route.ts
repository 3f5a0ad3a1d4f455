import { NextRequest, NextResponse } from 'next/server';
import { cookies, draftMode } from 'next/headers';
import { decodeJwt, jwtVerify } from 'jose';

const SHARE_SECRET = new TextEncoder().encode(process.env.PREVIEW_SHARE_SECRET);
const EMBED_HOSTS = new Set(['www.youtube.com', 'codepen.io', 'codesandbox.io', 'gist.github.com']);

// Instructors land here from the CMS "Preview draft" button
export async function GET(req: NextRequest) {
  const url = req.nextUrl;
  const session = cookies().get('access_token')?.value;
  if (!session) return NextResponse.redirect(new URL('/login', req.url));

  const claims = decodeJwt(session);  //@vuln CWE-347
  if (claims.role !== 'mentor' && claims.role !== 'admin') {
    return NextResponse.json({ error: 'instructors only' }, { status: 403 });
  }

  draftMode().enable();
  cookies().set('preview_session', session, { path: '/', secure: true, sameSite: 'lax', maxAge: 3600 });  //@vuln CWE-1004

  const next = url.searchParams.get('next') ?? `/lessons/${url.searchParams.get('slug') ?? ''}`;
  return NextResponse.redirect(new URL(next, req.url));  //@vuln CWE-601
}

// Link unfurling for the lesson editor and shared draft links
export async function POST(req: NextRequest) {
  const { shareToken, url, kind } = (await req.json()) as { shareToken?: string; url: string; kind?: 'link' | 'embed' };

  if (shareToken) {
    const { payload } = await jwtVerify(shareToken, SHARE_SECRET, { algorithms: ['HS256'], audience: 'lesson-share' });  //@safe
    if (!payload.sub) return NextResponse.json({ error: 'invalid share link' }, { status: 401 });
  }

  if (kind === 'embed') {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return NextResponse.json({ error: 'invalid url' }, { status: 400 });
    }
    if (target.protocol !== 'https:' || !EMBED_HOSTS.has(target.hostname)) {
      return NextResponse.json({ error: 'unsupported embed provider' }, { status: 400 });
    }
    const oembed = await fetch(`https://${target.hostname}/oembed?format=json&url=${encodeURIComponent(target.href)}`, { redirect: 'error' });  //@safe
    return NextResponse.json(await oembed.json());
  }

  const page = await fetch(url, { redirect: 'follow', headers: { 'user-agent': 'DevForgeUnfurl/1.2' }, cache: 'no-store' });  //@vuln CWE-918
  const html = await page.text();
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? url;
  const description = /<meta\s+name="description"\s+content="([^"]*)"/i.exec(html)?.[1] ?? '';
  return NextResponse.json({ url, title, description });
}
