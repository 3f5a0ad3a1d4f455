const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export function setPath(target: Record<string, any>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop() as string;
  let cursor = target;
  for (const key of keys) {
    if (typeof cursor[key] !== 'object' || cursor[key] === null) cursor[key] = {};
    cursor = cursor[key];
  }
  cursor[last] = value; //@vuln CWE-1321
}

export function setPathChecked(target: Record<string, any>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  if (keys.some((k) => FORBIDDEN_KEYS.has(k))) throw new Error(`invalid settings path: ${dotted}`);
  const last = keys.pop() as string;
  let cursor = target;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(cursor, key)) cursor[key] = {};
    cursor = cursor[key];
  }
  cursor[last] = value; //@safe
}
