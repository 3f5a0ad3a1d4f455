import type { LoaderFunctionArgs } from '@remix-run/node';
import { getBracket, getTournamentBySlug } from '~/lib/db.server';

const AVATAR_HOSTS = new Set(['static-cdn.jtvnw.net', 'cdn.discordapp.com', 'assets.gauntlet.gg']);

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

async function toDataUri(res: Response): Promise<string | null> {
  if (!res.ok) return null;
  const type = res.headers.get('content-type') ?? 'image/png';
  const bytes = Buffer.from(await res.arrayBuffer());
  return `data:${type};base64,${bytes.toString('base64')}`;
}

async function inlineLogo(src: string): Promise<string | null> {
  const res = await fetch(src, { headers: { Accept: 'image/*' } });  //@vuln CWE-918
  return toDataUri(res);
}

async function inlineAvatar(src: string): Promise<string | null> {
  const url = new URL(src);
  if (url.protocol !== 'https:' || !AVATAR_HOSTS.has(url.hostname)) return null;
  const res = await fetch(url, { redirect: 'error', headers: { Accept: 'image/*' } });  //@safe
  return toDataUri(res);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const tournament = await getTournamentBySlug(params.get('t') ?? '');
  if (!tournament) return new Response('Unknown tournament', { status: 404 });

  const title = params.get('title') ?? tournament.name;
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=30' };
  const matches = await getBracket(tournament.id);
  const rows = matches
    .map((m) => `<tr data-round="${m.round}"><td>${escapeHtml(m.teamA)}</td><td>${m.scoreA}&ndash;${m.scoreB}</td><td>${escapeHtml(m.teamB)}</td></tr>`)
    .join('');

  if (params.get('format') === 'compact') {
    return new Response(`<!doctype html><table class="compact" aria-label="${escapeHtml(title)}">${rows}</table>`, { headers });  //@safe
  }

  const [logo, featured] = await Promise.all([
    params.get('logo') ? inlineLogo(params.get('logo') as string) : null,
    params.get('featured') ? inlineAvatar(params.get('featured') as string).catch(() => null) : null,
  ]);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/embed.css"></head><body>
${logo ? `<img class="sponsor" src="${logo}" alt="">` : ''}
<h1>${title}</h1>
${featured ? `<img class="featured" src="${featured}" alt="">` : ''}
<table class="bracket">${rows}</table></body></html>`;
  return new Response(html, { headers });  //@vuln CWE-79
}
