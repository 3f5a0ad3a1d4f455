import yaml from 'js-yaml';

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge<T extends PlainObject>(target: T, source: PlainObject): T {
  const out = target as PlainObject;
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(out[key])) out[key] = {};
      deepMerge(out[key] as PlainObject, incoming);
    } else {
      out[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

export function setPath(target: PlainObject, dottedPath: string, value: unknown): PlainObject {
  const segments = dottedPath.split('.').filter(Boolean);
  let cursor = target;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(cursor[segment])) cursor[segment] = {};
    cursor = cursor[segment] as PlainObject;
  }
  cursor[segments[segments.length - 1]] = value;  //@vuln CWE-1321
  return target;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function mergeSettings(target: PlainObject, source: PlainObject): PlainObject {
  for (const [key, incoming] of Object.entries(source)) {
    if (RESERVED_KEYS.has(key)) continue;
    if (isPlainObject(incoming)) {
      const existing = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
      target[key] = mergeSettings(isPlainObject(existing) ? existing : {}, incoming);
    } else {
      target[key] = incoming;  //@safe
    }
  }
  return target;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface CarePlanTemplate {
  name: string;
  condition: string;
  goals: { description: string; targetDays?: number }[];
  tasks: { title: string; frequency: string; assignee?: string }[];
}

export function parseCarePlanTemplate(source: string): CarePlanTemplate {
  const doc = yaml.load(source) as CarePlanTemplate;  //@vuln CWE-502
  if (!doc || typeof doc.name !== 'string') throw new Error('Care plan template must have a name');
  doc.goals = Array.isArray(doc.goals) ? doc.goals : [];
  doc.tasks = Array.isArray(doc.tasks) ? doc.tasks : [];
  return doc;
}

export function parseLetterhead(source: string): PlainObject {
  const doc = yaml.safeLoad(source);  //@safe
  return isPlainObject(doc) ? doc : {};
}
