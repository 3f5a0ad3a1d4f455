import { ImageResponse } from 'next/og';
import type { NextRequest } from 'next/server';

export const runtime = 'nodejs';

const BRAND = { bg: '#0b1020', fg: '#f8fafc', accent: '#7c3aed' };

async function toDataUrl(res: Response): Promise<string | null> {
  if (!res.ok) return null;
  const type = res.headers.get('content-type') ?? 'image/png';
  const buf = Buffer.from(await res.arrayBuffer());
  return `data:${type};base64,${buf.toString('base64')}`;
}

export async function GET(req: NextRequest) {
  const { searchParams } = req.nextUrl;
  const title = (searchParams.get('title') ?? 'Launchpad').slice(0, 120);
  const subtitle = (searchParams.get('subtitle') ?? 'Ship your startup faster').slice(0, 160);

  // Blog posts pass their cover image so the card matches the post header.
  const cover = searchParams.get('cover');
  const coverData = cover ? await toDataUrl(await fetch(cover, { cache: 'force-cache' })) : null; //@vuln CWE-918

  const author = searchParams.get('author');
  const avatarData = author ? await toDataUrl(await fetch(`https://github.com/${encodeURIComponent(author)}.png?size=160`)) : null; //@safe

  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', padding: 64, background: BRAND.bg, color: BRAND.fg, backgroundImage: coverData ? `url(${coverData})` : undefined, backgroundSize: 'cover' }}>
        <div style={{ fontSize: 64, fontWeight: 800, lineHeight: 1.1 }}>{title}</div>
        <div style={{ fontSize: 28, marginTop: 16, color: '#cbd5e1' }}>{subtitle}</div>
        {avatarData && (
          <div style={{ display: 'flex', alignItems: 'center', marginTop: 32 }}>
            <img src={avatarData} width={56} height={56} style={{ borderRadius: 28, border: `3px solid ${BRAND.accent}` }} />
            <span style={{ marginLeft: 16, fontSize: 24 }}>{author}</span>
          </div>
        )}
      </div>
    ),
    { width: 1200, height: 630, headers: { 'cache-control': 'public, max-age=86400, immutable' } },
  );
}
