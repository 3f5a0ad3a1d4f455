// Sales / cohort reports built with knex. Filters arrive straight from the report UI query string.
import { db } from '../db';
import { csvList } from '../../../common/sqlFragments';
import { toInt } from '../../../common/util';
import { shareCode } from '../../../common/security';

export interface SalesFilters {
  tenant: string;
  region?: string;
  from?: string;
  to?: string;
  status?: string;
  channel?: string;
  minTotal?: string;
  sort?: string;
  dir?: string;
  page?: string;
  size?: string;
}

const SALES_SORT: Record<string, string> = {
  revenue: 'revenue',
  orders: 'orders',
  region: 'region',
  avg: 'avg_order_value',
};

export async function salesSummary(f: SalesFilters) {
  const q = db('orders as o')
    .join('regions as r', 'r.id', 'o.region_id')
    .where('o.tenant_id', f.tenant)
    .select('r.name as region')
    .sum({ revenue: 'o.total_amount' })
    .count({ orders: 'o.id' })
    .select(db.raw('avg(o.total_amount) as avg_order_value'))
    .groupBy('r.name');

  if (f.region) q.where('r.code', f.region);
  if (f.from) q.whereRaw('o.created_at >= ?', [f.from]); //@safe
  if (f.to) q.whereRaw(`o.created_at < '${f.to}'::date + interval '1 day'`); //@vuln CWE-89
  if (f.minTotal) q.havingRaw('sum(o.total_amount) >= ?', [Number(f.minTotal)]); //@safe

  const statuses = csvList(f.status);
  if (statuses.length) q.whereIn('o.status', statuses);

  const sortCol = SALES_SORT[f.sort ?? ''] ?? 'revenue';
  q.orderByRaw(`${sortCol} ${f.dir === 'asc' ? 'asc' : 'desc'} nulls last`); //@safe

  const size = toInt(f.size, 50, 500);
  return q.limit(size).offset((toInt(f.page, 1) - 1) * size);
}

// "Break down by" dropdown: product, channel, sales rep, ... The UI sends the SQL expression.
export async function salesBreakdown(tenant: string, dimension: string, from?: string, to?: string) {
  const q = db('orders as o')
    .join('order_lines as l', 'l.order_id', 'o.id')
    .where('o.tenant_id', tenant)
    .select(db.raw(`${dimension} as bucket`)) //@vuln CWE-89
    .sum({ revenue: 'l.amount' })
    .groupBy('bucket')
    .orderBy('revenue', 'desc');
  if (from) q.where('o.created_at', '>=', from);
  if (to) q.where('o.created_at', '<', to);
  return q;
}

export async function topProducts(tenant: string, limitRaw: unknown, channel?: string) {
  const limit = toInt(limitRaw, 10, 100);
  const result = await db.raw(`select p.sku, p.name, sum(l.quantity) as units from order_lines l join products p on p.id = l.product_id join orders o on o.id = l.order_id where o.tenant_id = ? and (?::text is null or o.channel = ?) group by p.sku, p.name order by units desc limit ${limit}`, [tenant, channel ?? null, channel ?? null]); //@safe
  return result.rows;
}

export interface CohortFilters {
  tenant: string;
  cohort?: string;
  orderBy?: string;
  dir?: string;
  segment?: string;
}

export async function cohortRetention(f: CohortFilters) {
  const q = db('customer_cohorts as cc')
    .where('cc.tenant_id', f.tenant)
    .select('cc.cohort_month', 'cc.period', 'cc.active_customers', 'cc.retention_pct');
  if (f.cohort) q.where('cc.cohort_month', f.cohort);
  if (f.segment) q.where('cc.segment', f.segment);
  return q;
}

export async function cohortMatrix(f: CohortFilters) {
  const q = db('customer_cohorts').where('tenant_id', f.tenant).select('cohort_month', 'period', 'retention_pct');
  if (f.orderBy) q.orderByRaw(`${f.orderBy} ${f.dir || 'asc'}`); //@vuln CWE-89
  return q;
}

export async function shareSavedReport(tenant: string, id: string) {
  const code = shareCode();
  await db('saved_reports').where({ tenant_id: tenant, id }).update({ share_code: code, shared_at: db.fn.now() });
  return code;
}

export async function savedReportByShareCode(tenant: string, code: string) {
  return db('saved_reports').where({ tenant_id: tenant, share_code: code }).first();
}

export async function searchSavedReports(tenant: string, term: string) {
  return db('saved_reports')
    .where('tenant_id', tenant)
    .andWhereRaw(`name ilike '%${term}%'`) //@vuln CWE-89
    .select('id', 'name', 'owner_id', 'updated_at')
    .limit(50);
}
