const { Pool } = require("pg");
const config = require("./config");

const pool = new Pool(config.reporting);

const SORTABLE = { created: "created_at", total: "total_cents", status: "status" };

function buildDateFilter(from, to) {
  const clauses = [];
  if (from) clauses.push(`created_at >= '${from}'`);
  if (to) clauses.push(`created_at < '${to}'`);
  return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
}

async function revenueByDay({ from, to, groupBy = "day" }) {
  const where = buildDateFilter(from, to);
  const sql = `SELECT date_trunc('${groupBy}', created_at) AS bucket, SUM(total_cents) AS revenue
               FROM orders ${where}
               GROUP BY 1 ORDER BY 1`;
  const { rows } = await pool.query(sql); //@vuln CWE-89
  return rows;
}

async function ordersForCustomer(customerId, limit = 50) {
  const capped = Math.min(Number(limit) || 50, 200);
  const { rows } = await pool.query( //@safe
    "SELECT id, status, total_cents, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2",
    [customerId, capped]
  );
  return rows;
}

async function searchOrders(term, sortKey) {
  const orderBy = SORTABLE[sortKey] || "created_at";
  const { rows } = await pool.query( //@safe
    `SELECT id, customer_email, status, total_cents FROM orders
     WHERE customer_email ILIKE $1 ORDER BY ${orderBy} DESC LIMIT 100`,
    [`%${term}%`]
  );
  return rows;
}

async function markExported(ids, batchLabel) {
  const list = ids.map((id) => `'${id}'`).join(",");
  await pool.query(`UPDATE orders SET exported = true, export_batch = '${batchLabel}' WHERE id IN (${list})`); //@vuln CWE-89
  return ids.length;
}

module.exports = { revenueByDay, ordersForCustomer, searchOrders, markExported };
