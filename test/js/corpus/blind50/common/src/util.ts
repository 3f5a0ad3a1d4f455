import fs from 'fs';
import path from 'path';
import type { Request, Response, NextFunction } from 'express';

export const UPLOAD_ROOT = path.resolve(process.env.UPLOAD_ROOT || '/var/lib/clinic/uploads');

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function layout(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/static/portal.css"></head><body><main>${body}</main></body></html>`;
}

export function resolveInside(root: string, rel: string): string {
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw Object.assign(new Error('invalid path'), { status: 400 });
  }
  return full;
}

export function readUpload(rel: string): Promise<Buffer> {
  return fs.promises.readFile(path.join(UPLOAD_ROOT, rel)); //@vuln CWE-22
}

// Merges a partial FHIR resource into the stored one (PATCH with merge-patch semantics).
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

// Used for user preference blobs coming from the mobile app.
export function mergePreferences(target: Record<string, any>, source: Record<string, any>): Record<string, any> {
  for (const key of Object.keys(source)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const val = source[key];
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      target[key] = mergePreferences(target[key] && typeof target[key] === 'object' ? target[key] : {}, val);
    } else {
      target[key] = val; //@safe
    }
  }
  return target;
}

export function bundle(entries: unknown[], total?: number) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: total ?? entries.length,
    entry: entries.map((resource) => ({ resource })),
  };
}

export function operationOutcome(severity: string, code: string, diagnostics: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

export function requireRole(...roles: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = (req as any).session?.user;
    if (!user) return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
    if (roles.length && !roles.includes(user.role)) return res.status(403).send('Forbidden');
    next();
  };
}
