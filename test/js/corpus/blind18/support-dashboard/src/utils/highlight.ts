const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function highlight(text: string, term: string): string {
  const escaped = escapeHtml(text);
  if (!term.trim()) return escaped;
  const pattern = new RegExp(`(${escapeRegExp(escapeHtml(term))})`, 'gi'); //@safe
  return escaped.replace(pattern, '<mark>$1</mark>');
}
