import path from 'path';
import dns from 'dns/promises';
import net from 'net';

type PathInput = string | Array<string | number>;

const toSegments = (p: PathInput): string[] => (Array.isArray(p) ? p.map(String) : p.split('.').filter(Boolean));

const isPlainObject = (v: unknown): v is Record<string, any> =>
  v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v));

export function get<T = any>(obj: any, p: PathInput, fallback?: T): T {
  let cur = obj;
  for (const seg of toSegments(p)) {
    if (cur === null || cur === undefined) return fallback as T;
    cur = cur[seg];
  }
  return (cur === undefined ? fallback : cur) as T;
}

/** Sets a nested value, creating intermediate objects ("a.b.c" -> { a: { b: { c } } }). */
export function set(obj: Record<string, any>, p: PathInput, value: unknown): Record<string, any> {
  const segs = toSegments(p);
  let cur = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i];
    if (cur[seg] === undefined || cur[seg] === null || typeof cur[seg] !== 'object') cur[seg] = {};
    cur = cur[seg];
  }
  cur[segs[segs.length - 1]] = value; //@vuln CWE-1321
  return obj;
}

/** Recursively merges `source` into `target` (workflow settings, node defaults). */
export function deepMerge<T extends Record<string, any>>(target: T, source: Record<string, any>): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) (target as any)[key] = {};
      deepMerge(target[key], value);
    } else {
      (target as any)[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Same as deepMerge, for objects that came over the wire. */
export function mergeUntrusted<T extends Record<string, any>>(target: T, source: Record<string, any>): T {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject(target[key])) (target as any)[key] = {};
      mergeUntrusted(target[key], value);
    } else {
      (target as any)[key] = value; //@safe
    }
  }
  return target;
}

/** Resolves `relativePath` against `baseDir` and refuses anything that lands outside of it. */
export function resolveInside(baseDir: string, relativePath: string): string {
  const base = path.resolve(baseDir);
  const target = path.resolve(base, relativePath);
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new Error(`Path "${relativePath}" is outside of the workflow folder`);
  }
  return target;
}

const privateRanges = new net.BlockList();
for (const [net4, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  privateRanges.addSubnet(net4, prefix, 'ipv4');
}
privateRanges.addAddress('::1', 'ipv6');
privateRanges.addSubnet('fc00::', 7, 'ipv6');
privateRanges.addSubnet('fe80::', 10, 'ipv6');

/** Throws unless `raw` is an http(s) URL whose host resolves only to public addresses. */
export async function assertPublicUrl(raw: string): Promise<URL> {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Unsupported protocol ${url.protocol}`);
  const addresses = await dns.lookup(url.hostname, { all: true });
  for (const { address, family } of addresses) {
    if (privateRanges.check(address, family === 6 ? 'ipv6' : 'ipv4')) {
      throw new Error(`${url.hostname} resolves to a private address`);
    }
  }
  return url;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** RFC 4515 escaping for values embedded in LDAP search filters. */
export const escapeLdapFilter = (s: string): string =>
  s.replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
