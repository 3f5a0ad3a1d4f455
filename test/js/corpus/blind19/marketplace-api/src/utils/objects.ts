type Dict = Record<string, any>;

const isObject = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepMerge<T extends Dict>(target: T, source: Dict): T {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isObject(incoming)) {
      if (!isObject((target as Dict)[key])) (target as Dict)[key] = {};
      deepMerge((target as Dict)[key], incoming);
    } else {
      (target as Dict)[key] = incoming; //@vuln CWE-1321
    }
  }
  return target;
}

export function setPath(obj: Dict, path: string, value: unknown): void {
  const segments = path.split('.');
  const last = segments.pop() as string;
  let cursor = obj;
  for (const segment of segments) {
    cursor[segment] = cursor[segment] ?? {};
    cursor = cursor[segment];
  }
  cursor[last] = value; //@vuln CWE-1321
}

export function pickAllowed(target: Dict, source: Dict, allowed: readonly string[]): Dict {
  for (const key of allowed) {
    if (Object.prototype.hasOwnProperty.call(source, key)) {
      target[key] = source[key]; //@safe
    }
  }
  return target;
}
