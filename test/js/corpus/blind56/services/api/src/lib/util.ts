import path from "node:path";

export type Dict = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Dict =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Recursively merges `source` into `target` and returns `target`. */
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    const current = (target as Dict)[key];
    const value = isPlainObject(incoming)
      ? deepMerge(isPlainObject(current) ? current : {}, incoming)
      : incoming;
    (target as Dict)[key] = value;  //@vuln CWE-1321
  }
  return target;
}

/** setByPath(obj, "housekeeping.turndown.time", "20:00") */
export function setByPath(target: Dict, dottedPath: string, value: unknown): Dict {
  const parts = dottedPath.split(".").filter(Boolean);
  let cursor: Dict = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (!isPlainObject(cursor[part])) {
      cursor[part] = {};
    }
    cursor = cursor[part] as Dict;
  }
  cursor[parts[parts.length - 1]] = value;  //@vuln CWE-1321
  return target;
}

const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Used for notification settings, which are edited from the guest app. */
export function mergeSettings(target: Dict, source: Dict): Dict {
  for (const [key, incoming] of Object.entries(source)) {
    if (RESERVED_KEYS.has(key)) continue;
    const current = target[key];
    const value = isPlainObject(incoming)
      ? mergeSettings(isPlainObject(current) ? current : {}, incoming)
      : incoming;
    target[key] = value;  //@safe
  }
  return target;
}

export function escapeRegExp(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Maps a requested file name onto a file under `root`. */
export function resolveInside(root: string, relative: string): string | null {
  const base = path.resolve(root);
  const candidate = path.resolve(base, relative);
  return candidate.startsWith(base + path.sep) ? candidate : null;
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
