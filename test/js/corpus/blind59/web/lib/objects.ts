export type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Recursively copies `source` into `target`, creating nested objects as needed. */
export function deepMerge<T extends Plain>(target: T, source: Plain): T {
  const out = target as Plain;
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(out[key])) out[key] = {};
      deepMerge(out[key] as Plain, incoming);
    } else {
      out[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

const RESERVED_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/** setByPath(details, "features.parking.spaces", 2) */
export function setByPath(target: Plain, dottedPath: string, value: unknown): Plain {
  const parts = dottedPath.split(".").filter(Boolean);
  if (parts.length === 0) throw new Error("Empty path");
  let cursor: Plain = target;
  for (const part of parts.slice(0, -1)) {
    if (RESERVED_SEGMENTS.has(part)) throw new Error(`Invalid path segment: ${part}`);
    if (!Object.prototype.hasOwnProperty.call(cursor, part) || !isPlainObject(cursor[part])) {
      cursor[part] = {};
    }
    cursor = cursor[part] as Plain;
  }
  const last = parts[parts.length - 1];
  if (RESERVED_SEGMENTS.has(last)) throw new Error(`Invalid path segment: ${last}`);
  cursor[last] = value;  //@safe
  return target;
}

export function pick<T extends Plain, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const result = {} as Pick<T, K>;
  for (const key of keys) {
    if (key in obj) result[key] = obj[key];
  }
  return result;
}
