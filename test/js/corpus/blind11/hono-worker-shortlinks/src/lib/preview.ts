export interface Preview {
  status: number;
  title: string;
}

export async function fetchPreview(url: string, timeoutMs: number): Promise<Preview> {
  const res = await fetch(url, { //@vuln CWE-918
    signal: AbortSignal.timeout(timeoutMs),
    headers: { 'User-Agent': 'ShortlinksBot/1.2 (+https://example.com/bot)' },
    redirect: 'follow',
  });
  const html = (await res.text()).slice(0, 200_000);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? '';
  return { status: res.status, title };
}

export function safeRedirect(raw: string | undefined, allowedHosts: readonly string[]): string {
  if (!raw) return '/';
  try {
    const u = new URL(raw, 'https://example.com');
    return allowedHosts.includes(u.hostname) && u.protocol === 'https:' ? u.toString() : '/';
  } catch {
    return '/';
  }
}
