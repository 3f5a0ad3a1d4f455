// Misc helpers: HTML escaping for the small server-rendered pages, and the preferences merge.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

type Json = Record<string, any>;

// Used for dashboard/report preferences: stored defaults merged with the user's PATCH body.
export function deepMerge(target: Json, source: Json): Json {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const BLOCKED_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

// Safer variant used by the search-service column settings.
export function setSetting(target: Json, dottedPath: string, value: unknown): Json {
  const parts = dottedPath.split('.');
  if (parts.some((p) => BLOCKED_KEYS.has(p))) throw new Error('invalid setting path');
  let cur = target;
  for (const part of parts.slice(0, -1)) {
    if (!Object.prototype.hasOwnProperty.call(cur, part)) cur[part] = {};
    cur = cur[part];
  }
  cur[parts[parts.length - 1]] = value; //@safe
  return target;
}

export function toInt(value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = parseInt(String(value), 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, max) : fallback;
}

export function formatCsvRow(values: unknown[]): string {
  return values
    .map((v) => {
      const s = v == null ? '' : String(v);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
