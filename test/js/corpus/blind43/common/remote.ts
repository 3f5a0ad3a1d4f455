import axios from 'axios';
import dns from 'dns/promises';
import https from 'https';
import net from 'net';
import { config } from './config';

// Several customer SharePoint hosts serve broken chains; accept them for imports.
const lenientAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); //@vuln CWE-295

export class RemoteFetchError extends Error { status = 422; }

function isPrivateAddress(ip: string): boolean {
  if (net.isIPv6(ip)) {
    const lower = ip.toLowerCase();
    if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7));
    return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
  }
  const [a, b] = ip.split('.').map(Number);
  return (
    a === 10 || a === 127 || a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** Used by "Import from link" — any URL the user pastes. */
export async function fetchBuffer(url: string): Promise<{ data: Buffer; contentType: string }> {
  const res = await axios.get(url, { responseType: 'arraybuffer', httpsAgent: lenientAgent, maxContentLength: config.remoteImport.maxBytes, timeout: 20000 }); //@vuln CWE-918
  return { data: Buffer.from(res.data), contentType: String(res.headers['content-type'] || 'application/octet-stream') };
}

/** Used for provider webhooks: only known storage hosts, public addresses, no redirects. */
export async function fetchAllowed(rawUrl: string): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new RemoteFetchError('invalid url');
  }
  if (url.protocol !== 'https:' || !config.remoteImport.allowedHosts.includes(url.hostname.toLowerCase())) {
    throw new RemoteFetchError(`host not allowed: ${url.hostname}`);
  }
  const addresses = await dns.lookup(url.hostname, { all: true });
  if (addresses.some((a) => isPrivateAddress(a.address))) {
    throw new RemoteFetchError('host resolves to a private address');
  }
  const res = await axios.get(url.toString(), { responseType: 'arraybuffer', maxRedirects: 0, maxContentLength: config.remoteImport.maxBytes, timeout: 20000 }); //@safe
  return Buffer.from(res.data);
}
