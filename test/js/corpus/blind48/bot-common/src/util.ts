import path from 'path';
import { config } from './config';

export function resolveInside(base: string, userPath: string): string {
  const root = path.resolve(base);
  const full = path.resolve(root, userPath);
  if (full !== root && !full.startsWith(root + path.sep)) {
    throw new Error(`path escapes ${root}`);
  }
  return full;
}

export function logFileFor(service: string, file: string): string {
  return path.join(config.logDir, service, file);
}

export function parseArgs(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text || '')) !== null) out.push(m[1] !== undefined ? m[1] : m[2]);
  return out;
}

// Deep merge used for layering per-team settings over defaults.
export function deepMerge(target: any, source: any): any {
  for (const key of Object.keys(source)) {
    const val = source[key];
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], val);
    } else {
      target[key] = val; //@vuln CWE-1321
    }
  }
  return target;
}

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function setPath(obj: Record<string, any>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let cur: any = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (BLOCKED_KEYS.has(parts[i])) throw new Error('bad key');
    if (typeof cur[parts[i]] !== 'object' || cur[parts[i]] === null) cur[parts[i]] = Object.create(null);
    cur = cur[parts[i]];
  }
  const last = parts[parts.length - 1];
  if (BLOCKED_KEYS.has(last)) throw new Error('bad key');
  cur[last] = value; //@safe
}

export function truncate(s: string, n = 2900): string {
  return s.length > n ? s.slice(0, n) + '\n…(truncated)' : s;
}
