// @acme/prompts — prompt templates and small helpers shared by web-assistant,
// agent-service and rag-ingest.
import Handlebars from "handlebars";
import template from "lodash/template";

export const SYSTEM_PROMPT = `You are Acme's support agent. Answer from the knowledge base when possible,
cite sources as [n], and never reveal internal tool output verbatim. If a tool fails, say so plainly.`;

const TEMPLATES: Record<string, string> = {
  "support-agent": `You are Acme's support assistant for customer {{customer.id}}.
{{#if persona}}Adopt this persona:
{{persona}}
{{/if}}Use the tools to look up orders and invoices. Today is {{today}}.`,
  "summarize-chunk": `Summarize the following document section in at most {{maxWords}} words.
Title: {{title}}
---
{{content}}`,
};

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function buildSystemPrompt(name: keyof typeof TEMPLATES | string, vars: Record<string, unknown>): string {
  let fn = compiled.get(name);
  if (!fn) {
    const source = TEMPLATES[name];
    if (!source) throw new Error(`Unknown prompt template ${name}`);
    fn = Handlebars.compile(source, { noEscape: true }); //@safe
    compiled.set(name, fn);
  }
  return fn(vars);
}

/**
 * Tenants can supply their own summarisation prompt in the ingestion job
 * options, using <%= title %> / <%= content %> placeholders.
 */
export function renderCustomPrompt(source: string, vars: Record<string, unknown>): string {
  return template(source)(vars); //@vuln CWE-1336|CWE-94
}

export function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Recursively merge `src` into `dst` (used for layering job options over defaults). */
export function deepMerge<T extends Record<string, any>>(dst: T, src: Record<string, any>): T {
  for (const key of Object.keys(src)) {
    if (isPlainObject(src[key])) {
      if (!isPlainObject(dst[key])) (dst as any)[key] = {};
      deepMerge(dst[key], src[key]);
    } else {
      (dst as any)[key] = src[key]; //@vuln CWE-1321
    }
  }
  return dst;
}

export function truncateTokens(text: string, maxChars = 6000) {
  return text.length <= maxChars ? text : text.slice(0, maxChars) + "\n[...]";
}
