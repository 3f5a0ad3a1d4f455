import https from 'https';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

export function escapeXml(value: unknown): string {
  return escapeHtml(value).replace(/&#39;/g, '&apos;');
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function slugify(input: string): string {
  return input
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_-]+/g, '-');
}

/** Recursive merge used for analytics event defaults and editor settings. */
export function deepMerge<T extends Record<string, any>>(target: T, source: Record<string, any>): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') {
        (target as any)[key] = {};
      }
      deepMerge(target[key], value);
    } else {
      (target as any)[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function mergeSettings<T extends Record<string, any>>(target: T, source: Record<string, any>): T {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!Object.prototype.hasOwnProperty.call(target, key)) (target as any)[key] = {};
      mergeSettings(target[key], value);
    } else {
      (target as any)[key] = value; //@safe
    }
  }
  return target;
}

/** Throws unless url is https and its host is one of the allowed hosts. */
export function assertAllowedUrl(raw: string, allowedHosts: string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('invalid url');
  }
  if (url.protocol !== 'https:' || !allowedHosts.includes(url.hostname) || url.username || url.port) {
    throw new Error(`host not allowed: ${url.hostname}`);
  }
  return url;
}

/** Some wire partners still serve feeds with self-signed certificates. */
export const partnerAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

export const defaultAgent = new https.Agent({ keepAlive: true, maxSockets: 50 });
