const SORTABLE_ORDER_COLUMNS = new Set(['created_at', 'total_cents', 'status', 'eta']);

export function orderByClause(sort?: string, direction?: string): string {
  const column = sort && SORTABLE_ORDER_COLUMNS.has(sort) ? sort : 'created_at';
  const dir = direction?.toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY o.${column} ${dir}`;
}

export function statusFilter(statuses?: string | string[]): string {
  if (!statuses) return '';
  const list = Array.isArray(statuses) ? statuses : statuses.split(',');
  const quoted = list.map((s) => `'${s.trim().toUpperCase()}'`).join(', ');
  return `AND o.status IN (${quoted})`;
}

export function dateRange(from?: string, to?: string): { from: Date; to: Date } {
  const end = to ? new Date(to) : new Date();
  const start = from ? new Date(from) : new Date(end.getTime() - 7 * 24 * 3600 * 1000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new Error('invalid date range');
  }
  return { from: start, to: end };
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function escapeRegex(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function formatCents(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(cents / 100);
}

export function isLocalPath(target: string | undefined): target is string {
  return !!target && target.startsWith('/') && !target.startsWith('//') && !target.includes('\\');
}
