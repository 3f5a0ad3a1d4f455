import * as path from 'path';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

export class PathEscapeError extends Error {}

/** Resolves `rel` against `root` and refuses anything that lands outside of it. */
export function resolveInside(root: string, rel: string): string {
  const base = path.resolve(root);
  const target = path.resolve(base, String(rel));
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw new PathEscapeError(`path escapes ${base}: ${rel}`);
  }
  return target;
}
