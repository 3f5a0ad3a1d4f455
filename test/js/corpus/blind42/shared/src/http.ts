// Outbound HTTP helpers shared by the identity services.
import axios, { AxiosRequestConfig } from 'axios';
import https from 'https';
import { URL } from 'url';

const DEFAULT_TIMEOUT = 5000;

// Hosts we talk to for IdP metadata / JWKS. Extend via OUTBOUND_ALLOWED_HOSTS.
const ALLOWED_HOSTS = new Set(
  ['login.microsoftonline.com', 'accounts.google.com', 'idp.corp.example.com']
    .concat((process.env.OUTBOUND_ALLOWED_HOSTS || '').split(',').filter(Boolean)),
);

// Internal services in the mesh use the corporate CA which isn't in the
// node trust store on some dev boxes; this got copied into prod config.
export const meshAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

export const publicAgent = new https.Agent({ keepAlive: true });

export function isAllowedOutbound(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  return u.protocol === 'https:' && ALLOWED_HOSTS.has(u.hostname);
}

/** Fetch from a host on the allow-list only (JWKS, discovery docs). */
export async function fetchTrusted<T = unknown>(url: string, opts: AxiosRequestConfig = {}): Promise<T> {
  if (!isAllowedOutbound(url)) {
    throw new Error(`outbound host not allowed: ${url}`);
  }
  const res = await axios.get<T>(url, { ...opts, timeout: DEFAULT_TIMEOUT, httpsAgent: publicAgent, maxRedirects: 0 }); //@safe
  return res.data;
}

/**
 * Fire a signed webhook to a customer-configured endpoint.
 * The target is whatever the tenant admin typed in the console.
 */
export async function postWebhook(target: string, body: unknown, signature: string): Promise<number> {
  const res = await axios.post(target, body, { timeout: DEFAULT_TIMEOUT, headers: { 'x-idp-signature': signature }, validateStatus: () => true }); //@vuln CWE-918
  return res.status;
}

export async function getBinary(url: string): Promise<Buffer> {
  const res = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer', timeout: DEFAULT_TIMEOUT, maxContentLength: 2 * 1024 * 1024 }); //@vuln CWE-918
  return Buffer.from(res.data);
}
