import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import _ from "lodash";

export type FieldMap = Record<string, unknown>;

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

function isPlainObject(value: unknown): value is FieldMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Merge metadata patches coming from the contract sidebar into the stored JSON.
 */
export function deepMerge(target: FieldMap, source: FieldMap): FieldMap {
  for (const key of Object.keys(source)) {
    const incoming = source[key];
    if (isPlainObject(incoming)) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key] as FieldMap, incoming);
    } else {
      target[key] = incoming;  //@vuln CWE-1321
    }
  }
  return target;
}

/**
 * Sets a merge field by its dotted path, e.g. "parties.buyer.address.city".
 */
export function setField(fields: FieldMap, dottedPath: string, value: unknown): FieldMap {
  const segments = dottedPath.split(".");
  let cursor: any = fields;
  for (const segment of segments.slice(0, -1)) {
    if (cursor[segment] === undefined) cursor[segment] = {};
    cursor = cursor[segment];
  }
  cursor[segments[segments.length - 1]] = value;  //@vuln CWE-1321
  return fields;
}

const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function applyFieldDefaults(fields: FieldMap, defaults: FieldMap): FieldMap {
  const result: FieldMap = Object.create(null);
  for (const [key, value] of Object.entries({ ...defaults, ...fields })) {
    if (RESERVED_KEYS.has(key)) continue;
    result[key] = value;  //@safe
  }
  return result;
}

/**
 * Computed fields like "fees.base * 1.2" or "term_months / 12".
 */
export function evaluateFormula(expression: string, fields: Record<string, number>): number {
  const names = Object.keys(fields);
  const compute = new Function(...names, `"use strict"; return (${expression});`);  //@vuln CWE-95
  return Number(compute(...names.map((n) => fields[n])));
}

/**
 * Firm admins can customise the cover note sent with each draft.
 */
export function renderCoverNote(templateSource: string, fields: FieldMap): string {
  const compiled = _.template(templateSource, { interpolate: /{{([\s\S]+?)}}/g });  //@vuln CWE-1336
  return compiled(fields);
}

const summaryTemplate = Handlebars.compile(
  fs.readFileSync(path.join(__dirname, "../../templates/contract-summary.hbs"), "utf8"),
);

export function renderSummary(fields: FieldMap): string {
  return summaryTemplate(fields);
}

export function renderSubjectLine(pattern: string, fields: FieldMap): string {
  return Handlebars.compile(pattern)(fields);  //@vuln CWE-1336
}
