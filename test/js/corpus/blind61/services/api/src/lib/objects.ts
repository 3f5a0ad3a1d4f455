type Dict = Record<string, any>;

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

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainObject(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Recursively copies `source` into `target`. Used for customer preference
 * documents, which are stored as nested JSON.
 */
export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  const out = target as Dict;
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(out[key])) {
        out[key] = {};
      }
      deepMerge(out[key], incoming);
    } else {
      out[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function mergeSettings(target: Dict, source: Dict): Dict {
  for (const key of Object.keys(source)) {
    if (RESERVED_KEYS.has(key)) {
      continue;
    }
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      const current = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
      target[key] = mergeSettings(isPlainObject(current) ? current : {}, incoming);
    } else {
      target[key] = incoming;  //@safe
    }
  }
  return target;
}

/** setPath(obj, 'billing.address.city', 'Ghent') */
export function setPath(obj: Dict, path: string, value: unknown): Dict {
  const parts = path.split('.');
  let cursor: Dict = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (cursor[part] === undefined || cursor[part] === null) {
      cursor[part] = {};
    }
    cursor = cursor[part];
  }
  cursor[parts[parts.length - 1]] = value;  //@vuln CWE-1321
  return obj;
}

export function pick<T extends Dict, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) {
    if (key in obj) {
      out[key] = obj[key];
    }
  }
  return out;
}
