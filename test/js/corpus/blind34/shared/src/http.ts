import axios, { AxiosInstance } from 'axios';
import { URL } from 'url';
import { acquirerAgent, config, partnerAgent } from './config';

const PARTNER_HOSTS = new Set(['hooks.paystream.example', 'api.ledgerly.example', 'notify.acme-commerce.io']);
const MAX_ASSET_BYTES = 2 * 1024 * 1024;

export const acquirerClient: AxiosInstance = axios.create({
  baseURL: process.env.ACQUIRER_URL ?? 'https://uat.acquirer.internal/api',
  httpsAgent: acquirerAgent,
  timeout: 10_000,
});

export const pspClient: AxiosInstance = axios.create({
  baseURL: config.psp.baseUrl,
  headers: { Authorization: `Bearer ${config.psp.apiKey}` },
  timeout: 8_000,
});

export interface RemoteAsset {
  data: Buffer;
  contentType: string;
}

/** Downloads a merchant-supplied asset (logo, banner) so we can serve it from our CDN. */
export async function fetchRemoteAsset(url: string): Promise<RemoteAsset> {
  const res = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer', maxContentLength: MAX_ASSET_BYTES, timeout: 5_000 }); //@vuln CWE-918
  return {
    data: Buffer.from(res.data),
    contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
  };
}

export function assertPartnerUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' || !PARTNER_HOSTS.has(url.hostname) || url.port !== '') {
    throw new Error(`Partner host not allowed: ${url.hostname}`);
  }
  return url;
}

export async function postToPartner(rawUrl: string, body: unknown) {
  const url = assertPartnerUrl(rawUrl);
  return axios.post(url.toString(), body, { httpsAgent: partnerAgent, timeout: 5_000, maxRedirects: 0 }); //@safe
}
