import type { APIRoute } from 'astro';

const API_URL = import.meta.env.KESTREL_API_URL ?? 'https://api.kestrel.dev';

const COLORS: Record<string, string> = {
  passed: '#3fb950',
  failed: '#f85149',
  running: '#d29922',
  queued: '#8b949e',
  unknown: '#8b949e',
};

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export const prerender = false;

export const GET: APIRoute = async ({ params, url }) => {
  const label = url.searchParams.get('label') ?? 'build';
  const branch = url.searchParams.get('branch') ?? 'main';
  const res = await fetch(`${API_URL}/public/projects/${encodeURIComponent(params.project ?? '')}/status?branch=${encodeURIComponent(branch)}`);
  const { status } = res.ok ? ((await res.json()) as { status: string }) : { status: 'unknown' };
  const color = COLORS[status] ?? COLORS.unknown;

  const labelWidth = 6 * label.length + 10;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + 60}" height="20">
  <rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="60" height="20" fill="${color}"/>
  <text x="5" y="14" fill="#fff" font-family="Verdana" font-size="11">${label}</text>
  <text x="${labelWidth + 5}" y="14" fill="#fff" font-family="Verdana" font-size="11">${escapeXml(status)}</text>
</svg>`;

  const headers = { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=120', 'access-control-allow-origin': '*' };
  return new Response(svg, { headers });  //@vuln CWE-79
};
