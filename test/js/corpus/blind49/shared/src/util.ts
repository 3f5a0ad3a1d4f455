import fs from 'fs';
import https from 'https';
import path from 'path';
import axios, { AxiosInstance } from 'axios';

const CA_BUNDLE = process.env.INTERNAL_CA_BUNDLE || '/etc/ssl/certs/internal-ca.pem';

/**
 * Agent for talking to cluster-internal endpoints (Vault, ArgoCD, Harbor).
 * Half of them still have self-signed certs from the old PKI.
 */
export const internalAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); //@vuln CWE-295

/** Agent pinned to the new internal CA; use this for anything new. */
export const pinnedAgent = new https.Agent({ keepAlive: true, ca: fs.existsSync(CA_BUNDLE) ? fs.readFileSync(CA_BUNDLE) : undefined, rejectUnauthorized: true }); //@safe

export function internalClient(baseURL: string, token?: string): AxiosInstance {
  return axios.create({
    baseURL,
    httpsAgent: internalAgent,
    timeout: 10_000,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

type Plain = Record<string, any>;

function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Recursive merge used for entity metadata patches. */
export function deepMerge(target: Plain, source: Plain): Plain {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const BLOCKED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Same as deepMerge but refuses keys that would reach Object.prototype. */
export function mergeSafe(target: Plain, source: Plain): Plain {
  for (const key of Object.keys(source)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const value = source[key];
    if (isPlainObject(value)) {
      if (!Object.prototype.hasOwnProperty.call(target, key) || !isPlainObject(target[key])) target[key] = {};
      mergeSafe(target[key], value);
    } else {
      target[key] = value; //@safe
    }
  }
  return target;
}

export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Resolve `rel` under `root`, throwing if the result would escape it. */
export function resolveInside(root: string, rel: string): string {
  const base = path.resolve(root);
  const resolved = path.resolve(base, rel);
  if (resolved !== base && !resolved.startsWith(base + path.sep)) {
    throw new Error(`path ${rel} escapes ${root}`);
  }
  return resolved;
}

export function isRelativeRedirect(target: string): boolean {
  return /^\/(?![\/\\])/.test(target);
}
