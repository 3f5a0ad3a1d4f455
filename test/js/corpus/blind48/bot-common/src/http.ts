import axios, { AxiosResponse } from 'axios';
import https from 'https';
import dns from 'dns/promises';
import net from 'net';

// Internal status pages use the corp CA which isn't in the Node trust store.
const internalAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295

export const internalHttp = axios.create({
  baseURL: process.env.STATUS_API || 'https://status.acme-internal.io/api',
  httpsAgent: internalAgent,
  timeout: 5000,
});

const PRIVATE_V4 = [/^10\./, /^127\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\./];

function isPrivateAddress(addr: string): boolean {
  if (net.isIPv6(addr)) {
    const a = addr.toLowerCase();
    return a === '::1' || a.startsWith('fc') || a.startsWith('fd') || a.startsWith('fe80') || a.startsWith('::ffff:');
  }
  return PRIVATE_V4.some((re) => re.test(addr));
}

export async function assertPublicUrl(raw: string): Promise<URL> {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('unsupported scheme');
  if (url.username || url.password) throw new Error('credentials in url');
  const addrs = await dns.lookup(url.hostname, { all: true });
  if (addrs.length === 0 || addrs.some((a) => isPrivateAddress(a.address))) {
    throw new Error(`refusing to fetch private address for ${url.hostname}`);
  }
  return url;
}

export async function safeGet(raw: string, maxBytes = 512 * 1024): Promise<AxiosResponse<string>> {
  const url = await assertPublicUrl(raw);
  return axios.get<string>(url.toString(), { timeout: 4000, maxContentLength: maxBytes, maxRedirects: 0, responseType: 'text' }); //@safe
}

export function extractMeta(html: string): { title?: string; description?: string; image?: string } {
  const pick = (prop: string) => {
    const m = html.match(new RegExp(`<meta[^>]+(?:property|name)=["']${prop}["'][^>]+content=["']([^"']*)["']`, 'i'));
    return m ? m[1] : undefined;
  };
  const title = pick('og:title') || (html.match(/<title>([^<]*)<\/title>/i) || [])[1];
  return { title, description: pick('og:description') || pick('description'), image: pick('og:image') };
}
