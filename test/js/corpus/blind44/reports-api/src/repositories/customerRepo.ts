// Customer reports against the CRM MySQL replica (mysql2/promise).
import mysql from 'mysql2/promise';
import { crm } from '../db';

export const EXPORTABLE_CUSTOMER_COLUMNS = new Set([
  'id', 'name', 'tier', 'country', 'industry', 'account_manager', 'created_at', 'churned_at', 'lifetime_value',
]);

export async function customersByTier(tier: string, country: string) {
  const [rows] = await crm.execute('SELECT id, name, tier, country, lifetime_value FROM customers WHERE tier = ? AND country = ? ORDER BY lifetime_value DESC LIMIT 200', [tier, country]); //@safe
  return rows;
}

export async function customersByManager(manager: string) {
  const [rows] = await crm.query(`SELECT id, name, tier, lifetime_value FROM customers WHERE account_manager = '${manager}' ORDER BY name`); //@vuln CWE-89
  return rows;
}

export async function customerExportRows(columns: string[], industry?: string) {
  const picked = columns.filter((c) => EXPORTABLE_CUSTOMER_COLUMNS.has(c));
  const cols = (picked.length ? picked : ['id', 'name']).map((c) => mysql.escapeId(c)).join(', ');
  const [rows] = await crm.query(`SELECT ${cols} FROM customers WHERE (? IS NULL OR industry = ?) LIMIT 5000`, [industry ?? null, industry ?? null]); //@safe
  return rows as Record<string, unknown>[];
}

export async function churnedSince(date: string, orderBy: string) {
  const sql = mysql.format('SELECT id, name, churned_at, churn_reason FROM customers WHERE churned_at >= ? ORDER BY ' + orderBy, [date]);
  const [rows] = await crm.query(sql); //@vuln CWE-89
  return rows;
}

export async function pipelineByStage(owner: string, stageFilter: string) {
  const [rows] = await crm.query(`SELECT stage, count(*) AS deals, sum(amount) AS amount FROM deals WHERE owner = ? AND stage IN (${stageFilter}) GROUP BY stage`, [owner]); //@vuln CWE-89
  return rows;
}
