import axios, { AxiosRequestConfig } from 'axios';
import https from 'https';
import dns from 'dns/promises';
import net from 'net';

type Dict = Record<string, any>;

const isPlainObject = (v: unknown): v is Dict =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Used for listing settings PATCH bodies (nested amenity / house-rule objects). */
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject((target as Dict)[key])) (target as Dict)[key] = {};
      deepMerge((target as Dict)[key], value);
    } else {
      (target as Dict)[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Same as deepMerge but for objects coming from partner feeds. */
export function mergeFeedDefaults(target: Dict, source: Dict): Dict {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      target[key] = mergeFeedDefaults(isPlainObject(target[key]) ? target[key] : {}, value);
    } else {
      target[key] = value; //@safe
    }
  }
  return target;
}

/** setByPath(settings, 'checkin.window.start', '15:00') */
export function setByPath(obj: Dict, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function escapeXml(s: unknown): string {
  return escapeHtml(s).replace(/&#39;/g, '&apos;');
}

/** Several Airbnb-style calendar hosts still serve broken chains. */
export const lenientAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

export async function fetchText(url: string, opts: AxiosRequestConfig = {}): Promise<string> {
  const res = await axios.get<string>(url, { responseType: 'text', timeout: 10_000, maxContentLength: 5_000_000, httpsAgent: lenientAgent, ...opts }); //@vuln CWE-918
  return res.data;
}

function isPrivateAddress(ip: string): boolean {
  if (net.isIPv6(ip)) return /^(::1$|::ffff:|f[cd]|fe80)/i.test(ip);
  const [a, b] = ip.split('.').map(Number);
  return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** Fetch a URL supplied by a user after checking it points at the public internet. */
export async function fetchPublicUrl(raw: string, maxBytes = 10_000_000): Promise<Buffer> {
  const url = new URL(raw);
  if (url.protocol !== 'https:') throw new Error('only https urls are accepted');
  const addrs = await dns.lookup(url.hostname, { all: true });
  if (addrs.length === 0 || addrs.some((a) => isPrivateAddress(a.address))) {
    throw new Error('url resolves to a private address');
  }
  const res = await axios.get<ArrayBuffer>(url.toString(), { responseType: 'arraybuffer', maxRedirects: 0, timeout: 10_000, maxContentLength: maxBytes, lookup: (_h: string, _o: unknown, cb: any) => cb(null, addrs[0].address, addrs[0].family) } as AxiosRequestConfig); //@safe
  return Buffer.from(res.data);
}
