import { injectable } from 'tsyringe';
import { internalApi, publicWeb } from '../utils/http-client';

function extractMeta(html: string, name: string): string | null {
  const re = new RegExp(`<meta[^>]+(?:name|property)=["']${name}["'][^>]+content=["']([^"']*)["']`, 'i');
  return re.exec(html)?.[1] ?? null;
}

@injectable()
export class UnfurlService {
  async preview(url: string) {
    const html = await publicWeb.get<string>(url, { responseType: 'text' });
    return { url, title: extractMeta(html, 'og:title'), description: extractMeta(html, 'og:description') };
  }

  recipientProfile = (userId: string) => internalApi.get<{ email: string; name: string }>(`/users/${encodeURIComponent(userId)}`);
}
