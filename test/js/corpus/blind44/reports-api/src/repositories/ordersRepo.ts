// Order reports on the raw pg pool (predates knex in this service).
import { pool } from '../db';
import { dateRange, gridFilter, inList, pageClause, sortFragment } from '../../../common/sqlFragments';

export interface OrderFilters {
  tenant: string;
  from?: string;
  to?: string;
  regions?: string[];
  customerEmail?: string;
  search?: string;
  sort?: string;
  dir?: string;
  page?: string;
  size?: string;
}

const BASE_SELECT = `
  SELECT o.id, o.reference, o.status, o.total_amount, o.created_at, r.name AS region, c.display_name AS customer
  FROM orders o
  JOIN regions r ON r.id = o.region_id
  JOIN customers c ON c.id = o.customer_id`;

export async function listOrders(f: OrderFilters) {
  const values: unknown[] = [f.tenant];
  const where: string[] = ['o.tenant_id = $1'];

  const dr = dateRange('o.created_at', f.from, f.to, values.length + 1);
  where.push(dr.text);
  values.push(...dr.values);

  const regions = inList('r.code', f.regions ?? [], values.length + 1);
  where.push(regions.text);
  values.push(...regions.values);

  if (f.customerEmail) {
    values.push(f.customerEmail.toLowerCase());
    where.push(`lower(c.email) = $${values.length}`);
  }

  const sql = `${BASE_SELECT} WHERE ${where.join(' AND ')} ${sortFragment(f.sort, f.dir)} ${pageClause(f.page, f.size)}`;
  const { rows } = await pool.query(sql, values); //@safe
  return rows;
}

export async function quickSearchOrders(tenant: string, search: string, page?: string) {
  const sql = `${BASE_SELECT} WHERE o.tenant_id = $1 AND (o.reference ILIKE '%${search}%' OR c.display_name ILIKE '%${search}%') ORDER BY o.created_at DESC ${pageClause(page, 25)}`;
  const { rows } = await pool.query(sql, [tenant]); //@vuln CWE-89
  return rows;
}

export async function getOrder(tenant: string, id: string) {
  const { rows } = await pool.query(`${BASE_SELECT} WHERE o.tenant_id = $1 AND o.id = $2`, [tenant, id]); //@safe
  return rows[0] ?? null;
}

export async function orderLines(orderId: string, sort: string) {
  const { rows } = await pool.query(`SELECT l.sku, l.quantity, l.amount FROM order_lines l WHERE l.order_id = $1 ORDER BY ${sort}`, [orderId]); //@vuln CWE-89
  return rows;
}

export interface GridFilterModel {
  column: string;
  operator: string;
  value: string;
}

// AG-Grid server-side row model for the "Orders (advanced)" admin grid.
export async function gridOrders(tenant: string, filters: GridFilterModel[], page?: string, size?: string) {
  const clauses = filters.map((flt) => gridFilter(flt.column, flt.operator, String(flt.value)));
  const sql = `${BASE_SELECT} WHERE o.tenant_id = $1 ${clauses.map((c) => `AND ${c}`).join(' ')} ORDER BY o.id ${pageClause(page, size)}`;
  const { rows } = await pool.query(sql, [tenant]); //@vuln CWE-89
  return rows;
}

export async function refundsByRegion(tenant: string, regionCodes: string[], from?: string, to?: string) {
  const regions = inList('r.code', regionCodes, 2);
  const dr = dateRange('rf.created_at', from, to, 2 + regions.values.length);
  const sql = `SELECT r.code, count(*) AS refunds, sum(rf.amount) AS amount
    FROM refunds rf JOIN orders o ON o.id = rf.order_id JOIN regions r ON r.id = o.region_id
    WHERE o.tenant_id = $1 AND ${regions.text} AND ${dr.text}
    GROUP BY r.code ORDER BY amount DESC`;
  const { rows } = await pool.query(sql, [tenant, ...regions.values, ...dr.values]); //@safe
  return rows;
}
