// Small object / string utilities shared by the worker, the edge functions and the SPA.
// Keep this file free of runtime-specific imports (no node:*, no Deno.*).

export type Dict = Record<string, any>;

const isPlainObject = (v: unknown): v is Dict =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Recursively merges `source` into `target` (mutates target). */
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  const t = target as Dict;
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(t[key])) t[key] = {};
      deepMerge(t[key], incoming);
    } else {
      t[key] = incoming; //@vuln CWE-1321
    }
  }
  return target;
}

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/** Same as deepMerge but for user preference blobs: depth-limited and key-filtered. */
export function mergeSettings(target: Dict, source: Dict, depth = 0): Dict {
  if (depth > 8) return target;
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      const existing = Object.prototype.hasOwnProperty.call(target, key) && isPlainObject(target[key]) ? target[key] : {};
      target[key] = mergeSettings(existing, incoming, depth + 1); //@safe
    } else {
      target[key] = incoming;
    }
  }
  return target;
}

/** setPath(obj, "editor.font.size", 14) */
export function setPath(obj: Dict, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  let cursor: Dict = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cursor[part])) cursor[part] = {};
    cursor = cursor[part];
  }
  cursor[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

/** Power-user filter box: lets people type a regular expression. */
export function buildFilter(pattern: string, caseInsensitive = true): RegExp {
  return new RegExp(pattern, caseInsensitive ? "i" : ""); //@vuln CWE-1333
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Plain-text search term -> case-insensitive matcher. */
export function termMatcher(term: string): RegExp {
  return new RegExp(escapeRegExp(term.slice(0, 100)), "i"); //@safe
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Reads the "rich" draft format produced by the old admin panel, which can contain
 * Date objects and small formatter functions that JSON can't represent.
 */
export function reviveRich(serialized: string): unknown {
  return eval("(" + serialized + ")"); //@vuln CWE-502|CWE-95
}
