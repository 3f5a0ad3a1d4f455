// Small helpers used by the report repositories to assemble SQL for node-postgres.
// Each helper returns a fragment and the values it binds, numbered from `offset`.

export interface SqlFragment {
  text: string;
  values: unknown[];
}

export const ORDER_SORT_COLUMNS: Record<string, string> = {
  created: 'o.created_at',
  total: 'o.total_amount',
  region: 'r.name',
  customer: 'c.display_name',
  status: 'o.status',
};

export function sortFragment(sortKey?: string, dir?: string): string {
  const column = ORDER_SORT_COLUMNS[sortKey ?? 'created'] ?? ORDER_SORT_COLUMNS.created;
  const direction = String(dir).toLowerCase() === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${column} ${direction}`;
}

export function pageClause(page?: unknown, size?: unknown): string {
  const limit = Math.min(Math.max(Number(size) || 50, 1), 500);
  const offset = Math.max((Number(page) || 1) - 1, 0) * limit;
  return `LIMIT ${limit} OFFSET ${offset}`;
}

export function dateRange(column: string, from?: string, to?: string, offset = 1): SqlFragment {
  const parts: string[] = [];
  const values: unknown[] = [];
  if (from) {
    values.push(from);
    parts.push(`${column} >= $${offset + values.length - 1}`);
  }
  if (to) {
    values.push(to);
    parts.push(`${column} < ($${offset + values.length - 1})::date + interval '1 day'`);
  }
  return { text: parts.length ? parts.join(' AND ') : 'TRUE', values };
}

export function inList(column: string, items: string[], offset = 1): SqlFragment {
  if (!items.length) return { text: 'TRUE', values: [] };
  const placeholders = items.map((_, i) => `$${offset + i}`).join(', ');
  return { text: `${column} IN (${placeholders})`, values: items };
}

// Free-text filter on the "legacy" grid: column and operator come from the grid's filter model.
export function gridFilter(column: string, operator: string, value: string): string {
  const op = ['=', '<>', '>', '<', '>=', '<=', 'LIKE'].includes(operator.toUpperCase()) ? operator : '=';
  return `${column} ${op} '${value.replace(/'/g, "''")}'`;
}

export function csvList(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string' && raw.length) return raw.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}
