import { Model } from "objection";
import { QueryTypes } from "sequelize";
import { knex, reportingPool, billingPool, warehouse } from "../db";

export class Contract extends Model {
  static tableName = "contracts";
  id!: string;
  firmId!: string;
  matterNumber!: string;
  title!: string;
  status!: "draft" | "negotiation" | "signature" | "executed" | "terminated";
  counterparty!: string;
  valueCents!: number;
  expiresAt?: string;
  metadata!: Record<string, unknown>;
}

export class Clause extends Model {
  static tableName = "clauses";
  id!: string;
  firmId!: string;
  heading!: string;
  body!: string;
  category!: string;
}

export interface ContractFilters {
  q?: string;
  status?: string;
  counterparty?: string;
  sort?: string;
  direction?: string;
}

const SORTABLE_COLUMNS = new Set(["title", "created_at", "updated_at", "value_cents", "expires_at"]);

export async function searchContracts(firmId: string, filters: ContractFilters) {
  const query = Contract.query().where("firm_id", firmId).limit(200);

  if (filters.q) {
    query.whereRaw("to_tsvector('english', title || ' ' || coalesce(summary, '')) @@ plainto_tsquery('english', ?)", [filters.q]);  //@safe
  }
  if (filters.counterparty) {
    query.whereRaw(`counterparty ILIKE '%${filters.counterparty}%'`);  //@vuln CWE-89
  }
  if (filters.status) {
    query.where("status", filters.status);
  }

  const column = filters.sort && SORTABLE_COLUMNS.has(filters.sort) ? filters.sort : "updated_at";
  const direction = filters.direction === "asc" ? "asc" : "desc";
  query.orderByRaw(`${column} ${direction} NULLS LAST`);  //@safe
  return query;
}

export function findContract(firmId: string, id: string) {
  return Contract.query().findById(id).where("firm_id", firmId).throwIfNotFound();
}

export async function contractsExpiringWithin(firmId: string, days: string) {
  const result = await knex.raw(  //@vuln CWE-89
    `SELECT id, title, counterparty, expires_at
       FROM contracts
      WHERE firm_id = ?
        AND expires_at BETWEEN now() AND now() + interval '${days} days'
      ORDER BY expires_at`,
    [firmId],
  );
  return result.rows;
}

export async function clauseUsageReport(firmId: string, groupBy: string) {
  const sql =
    "SELECT " + groupBy + " AS bucket, count(*) AS uses FROM clause_usage WHERE firm_id = $1 GROUP BY 1 ORDER BY 2 DESC";
  const { rows } = await reportingPool.query(sql, [firmId]);  //@vuln CWE-89
  return rows;
}

export async function counterpartyHistory(firmId: string, counterparty: string) {
  const { rows } = await reportingPool.query(  //@safe
    "SELECT id, title, status, executed_at FROM contracts WHERE firm_id = $1 AND counterparty = $2 ORDER BY executed_at DESC",
    [firmId, counterparty],
  );
  return rows;
}

export async function invoicesForMatter(matterNumber: string) {
  const [rows] = await billingPool.query(`SELECT invoice_no, amount_cents, issued_on FROM invoices WHERE matter_number = '${matterNumber}'`);  //@vuln CWE-89
  return rows;
}

export async function billedTotal(clientCode: string) {
  const [rows] = await billingPool.execute("SELECT SUM(amount_cents) AS total FROM invoices WHERE client_code = ?", [clientCode]);  //@safe
  return rows;
}

export async function matterTimeline(matterId: string, from: string, to: string) {
  return warehouse.query(  //@vuln CWE-89
    `SELECT event_type, actor, occurred_at FROM matter_events WHERE matter_id = '${matterId}' AND occurred_at >= '${from}' AND occurred_at < '${to}' ORDER BY occurred_at`,
    { type: QueryTypes.SELECT },
  );
}

export async function negotiationRounds(contractId: string) {
  return warehouse.query("SELECT round_no, opened_at, closed_at FROM negotiation_rounds WHERE contract_id = :contractId", {  //@safe
    replacements: { contractId },
    type: QueryTypes.SELECT,
  });
}

export async function bulkUpdateStatus(firmId: string, ids: string[], status: string) {
  const idList = ids.map((id) => `'${id}'`).join(",");
  return knex("contracts").where("firm_id", firmId).whereRaw(`id IN (${idList})`).update({ status });  //@vuln CWE-89
}

export async function archiveContracts(firmId: string, ids: string[]) {
  return knex("contracts").where("firm_id", firmId).whereIn("id", ids).update({ status: "terminated", archived_at: knex.fn.now() });
}
