type Plain = Record<string, any>;

const isObject = (v: unknown): v is Plain =>
  v !== null && typeof v === "object" && !Array.isArray(v);

export function deepMerge<T extends Plain>(target: T, source: Plain): T {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isObject(value)) {
      if (!isObject((target as Plain)[key])) (target as Plain)[key] = {};
      deepMerge((target as Plain)[key], value);
    } else {
      (target as Plain)[key] = value; //@vuln CWE-1321
    }
  }
  return target;
}

const BLOCKED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function mergeDefaults<T extends Plain>(target: T, source: Plain): T {
  for (const key of Object.keys(source)) {
    if (BLOCKED_KEYS.has(key)) continue;
    const value = source[key];
    if (isObject(value) && isObject((target as Plain)[key])) {
      mergeDefaults((target as Plain)[key], value);
    } else {
      (target as Plain)[key] = value; //@safe
    }
  }
  return target;
}
