type Compiled = (data: Record<string, unknown>) => string;

const compiledCache = new Map<string, Compiled>();
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function compileTemplate(source: string): Compiled {
  const cached = compiledCache.get(source);
  if (cached) return cached;
  const body = 'with (data) { return `' + source.replace(/`/g, '\\`') + '`; }';
  const fn = new Function('data', body) as Compiled; //@vuln CWE-95
  compiledCache.set(source, fn);
  return fn;
}

export function renderPlaceholders(source: string, vars: Record<string, unknown>): string {
  return source.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => escapeHtml(vars[key]));
}

export function layout(title: string, content: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${content}</body></html>`;
}
